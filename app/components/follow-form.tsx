import { Form, useNavigation } from "@remix-run/react";

/** Follow / unfollow as a plain form: works without JavaScript. */
export function FollowForm({ following, what }: { following: boolean; what: "issue" | "thread" }) {
  const busy = useNavigation().state === "submitting";
  return (
    <Form method="post" className="follow-form">
      <input
        type="hidden"
        name="intent"
        value={following ? `unfollow-${what}` : `follow-${what}`}
      />
      {following ? <span className="meta">You follow this {what}. </span> : null}
      <button type="submit" className="button button--secondary" disabled={busy}>
        {following ? `Unfollow this ${what}` : `Follow this ${what}`}
      </button>
    </Form>
  );
}
