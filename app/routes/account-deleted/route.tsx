import type { MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";

export const meta: MetaFunction = () => [{ title: "Your account is deleted — Parley" }];

export default function AccountDeletedPage() {
  return (
    <>
      <h1>Your account is deleted</h1>
      <p className="notice" role="status">
        Your personal data has been removed and you have been signed out everywhere. Thank you for
        taking part.
      </p>
      <p>
        <Link to="/">Go to the home page</Link>
      </p>
    </>
  );
}
