/**
 * Typed permission strings, `action:entity:access`, and the one function that answers
 * them. Shared by server (enforcement) and UI (what to show); the server is the authority.
 */
import type { Role } from "../db/schema";

export type Permission =
  | "create:thread:any"
  | "create:post:any"
  | "create:issue:any"
  | "moderate:post:any"
  | "manage:users:any"
  | "manage:taxonomy:any"
  | "manage:moderation:any"
  | "create:announcement:any";

const GRANTS: Record<Role, readonly Permission[]> = {
  resident: ["create:thread:any", "create:post:any"],
  moderator: ["create:thread:any", "create:post:any", "moderate:post:any"],
  officer: ["create:thread:any", "create:post:any", "create:issue:any", "create:announcement:any"],
  admin: [
    "create:thread:any",
    "create:post:any",
    "create:issue:any",
    "moderate:post:any",
    "manage:users:any",
    "manage:taxonomy:any",
    "manage:moderation:any",
    "create:announcement:any",
  ],
};

export interface PermissionSubject {
  role: Role;
}

export function can(subject: PermissionSubject | null, permission: Permission): boolean {
  return subject !== null && GRANTS[subject.role].includes(permission);
}

/** Staff answer for the organisation: their posts carry a badge with their team. */
export function isStaff(subject: PermissionSubject | null): boolean {
  return subject?.role === "officer" || subject?.role === "admin";
}
