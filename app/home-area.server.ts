/**
 * The area a visitor chose on the home page: kept on the profile when signed in, in a
 * cookie when not (so it works without an account, and without JavaScript).
 */
import { createCookie } from "@remix-run/node";
import type { Kysely } from "kysely";
import type { Database } from "../db/schema";
import type { Viewer } from "./auth.server";
import { setHomeArea } from "./domain/home.server";

function areaCookie(production: boolean) {
  return createCookie("parley_area", {
    path: "/",
    sameSite: "lax",
    httpOnly: true,
    secure: production,
    maxAge: 365 * 24 * 60 * 60,
  });
}

/** The area a visitor without an account chose, from their cookie (null: all areas). */
export async function readAreaCookie(
  request: Request,
  production: boolean,
): Promise<number | null> {
  const value: unknown = await areaCookie(production).parse(request.headers.get("Cookie"));
  return typeof value === "number" && Number.isInteger(value) && value > 0 ? value : null;
}

/** Stores the choice; returns a Set-Cookie value when it went into a cookie. */
export async function rememberHomeArea(
  db: Kysely<Database>,
  viewer: Viewer | null,
  areaId: number | null,
  production: boolean,
): Promise<string | null> {
  if (viewer) {
    await setHomeArea(db, viewer.id, areaId);
    return null;
  }
  return areaCookie(production).serialize(areaId ?? 0, areaId === null ? { maxAge: 0 } : undefined);
}
