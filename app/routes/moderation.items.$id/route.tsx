import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import type { ReactNode } from "react";
import { domainFailure, formFailure } from "~/action-result.server";
import { requireViewer, type Viewer } from "~/auth.server";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { AuditTable } from "~/components/audit-table";
import { ErrorSummary, SelectField, TextArea } from "~/components/form-fields";
import { formatDateTime } from "~/components/format";
import { ModerationItemSummary } from "~/components/moderation-item-summary";
import {
  adviseOnItem,
  claimItem,
  decideItem,
  escalateItem,
  releaseItem,
} from "~/domain/moderation-decisions.server";
import { FLAG_REASON_LABEL, ITEM_STATUS_LABEL } from "~/domain/moderation-labels";
import { getModerationItemPage } from "~/domain/pages/moderation-pages.server";
import type { DecisionIntent } from "~/domain/policy";
import type { ModerationSource } from "../../../db/schema";
import { parseIdParam, throwDomainResponse } from "~/http.server";
import { itemActionSchema, type ItemAction } from "~/schemas/moderation";
import { parseForm } from "~/schemas/parse-form";
import type { AppServices } from "~/services.server";
import { parseQuery } from "~/schemas/query";
import { TableRegion } from "~/components/table-region";
import { z } from "zod";

export const meta: MetaFunction = () => [{ title: "Moderation item — Parley" }];

const itemQuerySchema = z.object({
  // What the last action did, to say so; anything unknown says nothing.
  done: z.string().max(40).nullable().catch(null).default(null),
});

/** Each decision's form, by the kind of item: the table in the policy says which appear. */
const DECISION_FORMS: Record<
  Exclude<DecisionIntent, "edit-approve">,
  (source: ModerationSource) => { title: string; button: string; warning?: boolean; rule?: boolean }
> = {
  ignore: () => ({ title: "Keep the post", button: "Dismiss the flags" }),
  hide: () => ({ title: "Hide the post", button: "Hide the post", warning: true, rule: true }),
  approve: (source) =>
    source === "appeal"
      ? { title: "Uphold the appeal", button: "Restore the post" }
      : { title: "Approve", button: "Approve the post" },
  reject: (source) =>
    source === "appeal"
      ? { title: "Turn the appeal down", button: "Turn the appeal down", warning: true, rule: true }
      : { title: "Reject", button: "Reject the post", warning: true, rule: true },
};

export async function loader({ params, context, request }: LoaderFunctionArgs) {
  const viewer = requireViewer(context, request);
  const itemId = parseIdParam(params.id);
  const query = parseQuery(request, itemQuerySchema);
  const now = new Date();
  const page = await getModerationItemPage(context.services.db, viewer, itemId, now).catch(
    throwDomainResponse,
  );
  return { ...page, now, viewerId: viewer.id, done: query.done };
}

function perform(services: AppServices, viewer: Viewer, itemId: number, action: ItemAction) {
  const db = services.db;
  const now = new Date();
  switch (action.intent) {
    case "claim":
      return claimItem(db, viewer, itemId, action.version, now).then(() => "claimed");
    case "release":
      return releaseItem(db, viewer, itemId, action.version, now).then(() => "released");
    case "escalate":
      return escalateItem(db, viewer, itemId, action.version, action, now).then(() => "escalated");
    case "advise":
      return adviseOnItem(db, viewer, itemId, action.note, now).then(() => "advised");
    default:
      return decideItem(db, viewer, itemId, action.version, action, now).then(
        ({ status }) => status,
      );
  }
}

export async function action({ params, context, request }: ActionFunctionArgs) {
  const viewer = requireViewer(context, request);
  const itemId = parseIdParam(params.id);
  const form = parseForm(itemActionSchema, await request.formData());
  if (!form.ok) return formFailure(400, form);
  try {
    const done = await perform(context.services, viewer, itemId, form.data);
    return redirect(`/moderation/items/${itemId}?done=${done}`, 303);
  } catch (error) {
    return domainFailure(error, form.values);
  }
}

const DONE_TEXT: Record<string, string> = {
  claimed: "You have claimed this item. Others see that you are working on it.",
  released: "You released this item back to the queue.",
  escalated: "The officer has been asked for their advice.",
  advised: "Your advice is recorded in the item's history.",
};

function DecisionForm({
  intent,
  title,
  button,
  version,
  children,
  warning,
}: {
  intent: string;
  title: string;
  button: string;
  version: number;
  children?: ReactNode;
  warning?: boolean;
}) {
  const failure = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const failedHere = failure?.values.intent === intent;
  return (
    <section className="card" aria-labelledby={`${intent}-heading`}>
      <h3 id={`${intent}-heading`}>{title}</h3>
      <Form method="post" noValidate>
        <input type="hidden" name="intent" value={intent} />
        <input type="hidden" name="version" value={version} />
        {children}
        <TextArea
          name="note"
          id={`${intent}-note`}
          label="Note to the author (optional)"
          rows={2}
          defaultValue={failedHere ? failure?.values.note : undefined}
          error={failedHere ? failure?.fieldErrors.note : undefined}
        />
        <button
          type="submit"
          className={warning ? "button button--warning" : "button"}
          disabled={busy}
        >
          {button}
        </button>
      </Form>
    </section>
  );
}

export default function ModerationItemPage() {
  const { item, rules, officers, now, viewerId, done } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const open = item.status === "open";
  const failedIntent = failure?.values.intent;
  const ruleOptions = rules.map((r) => ({ value: String(r.id), label: `${r.number}. ${r.title}` }));
  const ruleField = (intent: string) => (
    <SelectField
      name="houseRuleId"
      id={`${intent}-rule`}
      label="The house rule it breaks"
      placeholder="Choose a rule"
      options={ruleOptions}
      defaultValue={failedIntent === intent ? failure?.values.houseRuleId : undefined}
      error={failedIntent === intent ? failure?.fieldErrors.houseRuleId : undefined}
    />
  );
  const moderator = item.viewerRole === "moderator";
  const decisions = item.allowedDecisions.filter(
    (intent): intent is Exclude<DecisionIntent, "edit-approve"> => intent !== "edit-approve",
  );
  return (
    <>
      {moderator ? (
        <Breadcrumbs trail={[{ to: "/moderation", label: "Moderation queue" }]} />
      ) : null}
      <h1>Moderation item {item.id}</h1>
      {done && DONE_TEXT[done] ? (
        <p className="notice" role="status">
          {DONE_TEXT[done]}
        </p>
      ) : done ? (
        <p className="notice" role="status">
          Decided: {ITEM_STATUS_LABEL[item.status].toLowerCase()}.
        </p>
      ) : null}
      <ErrorSummary formError={failure?.formError} />
      <p>
        <strong>Status:</strong> {ITEM_STATUS_LABEL[item.status]}
      </p>
      <article className="card" aria-labelledby={`item-${item.id}-title`}>
        <ModerationItemSummary item={item} now={now} headingLevel="h2" />
        <p>
          <Link to={`/posts/${item.post.id}`}>See the post in its thread</Link>
        </p>
      </article>

      {item.appealOf ? (
        <section aria-labelledby="appealed-heading">
          <h2 id="appealed-heading">The decision being appealed</h2>
          <p>
            {ITEM_STATUS_LABEL[item.appealOf.status]}
            {item.appealOf.deciderName ? ` by ${item.appealOf.deciderName}` : ""}
            {item.appealOf.ruleTitle ? `, citing “${item.appealOf.ruleTitle}”` : ""}.
            {item.appealOf.note ? ` Their note: “${item.appealOf.note}”` : ""}
          </p>
        </section>
      ) : null}

      {item.flags.length > 0 ? (
        <section aria-labelledby="flags-heading">
          <h2 id="flags-heading">Flags</h2>
          <TableRegion label="Flags on this post">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Reason</th>
                  <th scope="col">Note</th>
                  <th scope="col">By</th>
                  <th scope="col">Weight</th>
                  <th scope="col">When</th>
                  <th scope="col">Outcome</th>
                </tr>
              </thead>
              <tbody>
                {item.flags.map((flag, index) => (
                  <tr key={index}>
                    <td>{FLAG_REASON_LABEL[flag.reason]}</td>
                    <td>{flag.note ?? ""}</td>
                    <td>{flag.flaggerName}</td>
                    <td>{flag.weight}</td>
                    <td>{formatDateTime(flag.createdAt)}</td>
                    <td>{flag.resolution ?? "Open"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
        </section>
      ) : null}

      {open && moderator ? (
        <section aria-labelledby="decide-heading">
          <h2 id="decide-heading">Decide</h2>
          {item.excludedByAppeal ? (
            <p className="notice notice--warning">
              You made the decision being appealed, so another moderator must decide this appeal.
            </p>
          ) : (
            <>
              <Form method="post" className="inline-form">
                <input type="hidden" name="version" value={item.version} />
                {item.claimedBy?.id === viewerId ? (
                  <button
                    type="submit"
                    name="intent"
                    value="release"
                    className="button button--secondary"
                    disabled={busy}
                  >
                    Release this item
                  </button>
                ) : item.claimedBy ? (
                  <p>{item.claimedBy.name} is working on this item.</p>
                ) : (
                  <button
                    type="submit"
                    name="intent"
                    value="claim"
                    className="button button--secondary"
                    disabled={busy}
                  >
                    Claim this item
                  </button>
                )}
              </Form>
              {decisions.map((intent) => {
                const form = DECISION_FORMS[intent](item.source);
                return (
                  <DecisionForm
                    key={intent}
                    intent={intent}
                    title={form.title}
                    button={form.button}
                    version={item.version}
                    warning={form.warning}
                  >
                    {form.rule ? ruleField(intent) : null}
                  </DecisionForm>
                );
              })}
              {item.allowedDecisions.includes("edit-approve") ? (
                <DecisionForm
                  intent="edit-approve"
                  title="Edit and approve"
                  button="Publish my edit"
                  version={item.version}
                >
                  <p className="field__hint">
                    For example, take out a phone number. The original is kept in the audit log
                    only.
                  </p>
                  <TextArea
                    name="body"
                    id="edit-approve-body"
                    label="The post as it should appear"
                    rows={6}
                    defaultValue={
                      failedIntent === "edit-approve" ? failure?.values.body : item.bodyMd
                    }
                    error={failedIntent === "edit-approve" ? failure?.fieldErrors.body : undefined}
                  />
                </DecisionForm>
              ) : null}
            </>
          )}
          <section className="card" aria-labelledby="escalate-heading">
            <h3 id="escalate-heading">Ask an officer</h3>
            <Form method="post" noValidate>
              <input type="hidden" name="intent" value="escalate" />
              <input type="hidden" name="version" value={item.version} />
              <SelectField
                name="officerId"
                label="Officer"
                placeholder="Choose an officer"
                options={officers.map((o) => ({
                  value: String(o.id),
                  label: o.team ? `${o.name} (${o.team})` : o.name,
                }))}
                defaultValue={failedIntent === "escalate" ? failure?.values.officerId : undefined}
                error={failedIntent === "escalate" ? failure?.fieldErrors.officerId : undefined}
              />
              <TextArea
                name="note"
                id="escalate-note"
                label="What do you need from them?"
                rows={2}
                defaultValue={failedIntent === "escalate" ? failure?.values.note : undefined}
                error={failedIntent === "escalate" ? failure?.fieldErrors.note : undefined}
              />
              <button type="submit" className="button button--secondary" disabled={busy}>
                Ask for advice
              </button>
            </Form>
          </section>
          <p>
            To warn, suspend or ban the author, see{" "}
            <Link to={`/moderation/people/${item.author.id}`}>{item.author.name}’s record</Link>.
          </p>
        </section>
      ) : null}

      {open ? (
        <section className="card" aria-labelledby="advise-heading">
          <h2 id="advise-heading">{moderator ? "Add a note to the history" : "Your advice"}</h2>
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="advise" />
            <TextArea
              name="note"
              id="advise-note"
              label={moderator ? "Note" : "Advice for the moderators"}
              rows={3}
              defaultValue={failedIntent === "advise" ? failure?.values.note : undefined}
              error={failedIntent === "advise" ? failure?.fieldErrors.note : undefined}
            />
            <button type="submit" className="button button--secondary" disabled={busy}>
              {moderator ? "Add note" : "Send advice"}
            </button>
          </Form>
        </section>
      ) : null}

      <section aria-labelledby="history-heading">
        <h2 id="history-heading">History</h2>
        <AuditTable rows={item.history} caption="Everything recorded about this item and post" />
      </section>
    </>
  );
}
