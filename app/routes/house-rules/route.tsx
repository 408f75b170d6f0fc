import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { formatDate } from "~/components/format";
import { listHouseRules } from "~/domain/house-rules.server";
import { can } from "~/permissions";

export const meta: MetaFunction = () => [{ title: "House rules — Parley" }];

export async function loader({ context }: LoaderFunctionArgs) {
  const rules = await listHouseRules(context.services.db);
  const lastChanged = rules.reduce<Date | null>(
    (latest, rule) => (latest && latest > rule.updatedAt ? latest : rule.updatedAt),
    null,
  );
  return {
    rules,
    lastChanged,
    canEdit: can(context.viewer, "manage:moderation:any"),
  };
}

export default function HouseRulesPage() {
  const { rules, lastChanged, canEdit } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>House rules</h1>
      <p className="lede">
        Parley is where residents and the people who serve them talk things through. These rules
        keep it useful and safe. When a moderator holds, hides or rejects a post, they tell its
        author which rule it broke, and the author can appeal once.
      </p>
      {lastChanged ? <p className="meta">Last changed {formatDate(lastChanged)}.</p> : null}
      {canEdit ? (
        <p>
          <Link to="/admin/house-rules">Edit the house rules</Link>
        </p>
      ) : null}
      {rules.length === 0 ? (
        <p>No house rules have been written yet.</p>
      ) : (
        <ol className="house-rules">
          {rules.map((rule) => (
            <li key={rule.id} id={`rule-${rule.id}`}>
              <h2>{rule.title}</h2>
              <div dangerouslySetInnerHTML={{ __html: rule.bodyHtml }} />
            </li>
          ))}
        </ol>
      )}
      <h2>What happens when a rule is broken</h2>
      <ul>
        <li>
          New members&rsquo; first few posts, and posts that look like they share personal details,
          are checked by a moderator before they appear.
        </li>
        <li>
          Anyone signed in can flag a post. When several residents flag the same post it is hidden
          until a moderator has looked at it.
        </li>
        <li>
          A moderator may warn you, or suspend or ban your account. You can still read everything,
          and you are told why and, for a suspension, until when.
        </li>
        <li>Every moderation decision is recorded, and you can appeal a decision once.</li>
      </ul>
    </>
  );
}
