import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { domainFailure, formFailure } from "~/action-result.server";
import { requirePermission } from "~/auth.server";
import { ErrorSummary, SelectField } from "~/components/form-fields";
import { plural } from "~/components/format";
import { ModerationItemSummary } from "~/components/moderation-item-summary";
import { decideItemsInBulk } from "~/domain/moderation-decisions.server";
import { FLAG_REASON_LABEL, RULE_REASON_LABEL } from "~/domain/moderation-labels";
import { getModerationQueuePage } from "~/domain/pages/moderation-pages.server";
import { bulkActionSchema } from "~/schemas/moderation";
import { parseForm } from "~/schemas/parse-form";
import { optionalQueryId, parseDbId, parseQuery } from "~/schemas/query";
import { z } from "zod";

export const meta: MetaFunction = () => [{ title: "Moderation queue — Parley" }];

const requireModerator = (context: LoaderFunctionArgs["context"], request: Request) =>
  requirePermission(
    context,
    request,
    "moderate:post:any",
    "Only moderators can see the moderation queue.",
  );

const REASON_OPTIONS = [
  { value: "appeal", label: "Appeals" },
  ...Object.entries(RULE_REASON_LABEL).map(([value, label]) => ({ value, label })),
  ...Object.entries(FLAG_REASON_LABEL).map(([value, label]) => ({
    value,
    label: `Flagged: ${label}`,
  })),
];

const REASON_VALUES = REASON_OPTIONS.map((option) => option.value);

const queueQuerySchema = z.object({
  // A reason no longer offered (an old link) shows the whole queue.
  reason: z
    .string()
    .refine((reason) => REASON_VALUES.includes(reason))
    .nullable()
    .catch(null)
    .default(null),
  area: optionalQueryId,
  issue: optionalQueryId,
  after: z.string().max(100).nullable().catch(null).default(null),
  bulk: z.string().max(200).nullable().catch(null).default(null),
});

export async function loader({ context, request }: LoaderFunctionArgs) {
  const viewer = requireModerator(context, request);
  const query = parseQuery(request, queueQuerySchema);
  const filters = {
    reason: query.reason,
    areaId: query.area,
    issueId: query.issue,
    after: query.after,
  };
  const now = new Date();
  const page = await getModerationQueuePage(context.services.db, viewer, filters, now);
  return {
    ...page,
    filters,
    now,
    bulk: query.bulk,
    // Repeated, so read outside the schema (which sees one value per name).
    refused: new URL(request.url).searchParams.getAll("refused"),
  };
}

export async function action({ context, request }: ActionFunctionArgs) {
  const viewer = requireModerator(context, request);
  const formData = await request.formData();
  const form = parseForm(bulkActionSchema, formData);
  if (!form.ok) return formFailure(400, form);
  const items = formData
    .getAll("item")
    .map((value) => /^(\d{1,10}):(\d{1,10})$/.exec(String(value)))
    .map((match) => ({ id: parseDbId(match?.[1]), version: parseDbId(match?.[2]) }))
    .filter(
      (item): item is { id: number; version: number } => item.id !== null && item.version !== null,
    );
  const { intent, houseRuleId } = form.data;
  try {
    const result = await decideItemsInBulk(
      context.services.db,
      viewer,
      items,
      intent === "bulk-approve" ? { intent: "approve" } : { intent: "reject", houseRuleId },
      new Date(),
    );
    const params = new URLSearchParams({
      bulk: `${intent === "bulk-approve" ? "Approved" : "Rejected"} ${plural(result.done, "item")}.`,
    });
    for (const refusal of result.refused) params.append("refused", refusal);
    return redirect(`/moderation?${params.toString()}`, 303);
  } catch (error) {
    return domainFailure(error, form.values);
  }
}

export default function ModerationQueuePage() {
  const { items, next, filters, areas, issues, rules, now, bulk, refused } =
    useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const nextParams = new URLSearchParams();
  if (filters.reason) nextParams.set("reason", filters.reason);
  if (filters.areaId) nextParams.set("area", String(filters.areaId));
  if (filters.issueId) nextParams.set("issue", String(filters.issueId));
  if (next) nextParams.set("after", next);
  return (
    <>
      <h1>Moderation queue</h1>
      <p className="lede">
        Oldest first. Open an item to claim it, see its flags and history, and decide. See also the{" "}
        <Link to="/moderation/audit">audit log</Link> and the{" "}
        <Link to="/house-rules">house rules</Link>.
      </p>
      {bulk ? (
        <div className="notice" role="status">
          <p>{bulk}</p>
          {refused.length > 0 ? (
            <ul>
              {refused.map((text) => (
                <li key={text}>{text}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      <Form method="get" className="filters" aria-label="Filter the queue">
        <SelectField
          name="reason"
          label="Reason"
          placeholder="Any reason"
          options={REASON_OPTIONS}
          defaultValue={filters.reason ?? ""}
        />
        <SelectField
          name="area"
          label="Area"
          placeholder="Any area"
          options={areas.map((a) => ({ value: String(a.id), label: a.name }))}
          defaultValue={filters.areaId ? String(filters.areaId) : ""}
        />
        <SelectField
          name="issue"
          label="Issue"
          placeholder="Any issue"
          options={issues.map((i) => ({ value: String(i.id), label: i.title }))}
          defaultValue={filters.issueId ? String(filters.issueId) : ""}
        />
        <button type="submit" className="button button--secondary">
          Filter
        </button>
      </Form>
      {items.length === 0 ? (
        <p>Nothing is waiting. Well done.</p>
      ) : (
        <Form method="post">
          <ErrorSummary
            formError={failure?.formError}
            fieldErrors={failure?.fieldErrors}
            labels={{ houseRuleId: "House rule" }}
          />
          <ol className="card-list queue" aria-label="Items waiting">
            {items.map((item) => (
              <li
                key={item.id}
                className="card queue-item"
                aria-labelledby={`item-${item.id}-title`}
              >
                {item.bulkDecidable ? (
                  <div className="checkbox">
                    <input
                      type="checkbox"
                      name="item"
                      id={`select-${item.id}`}
                      value={`${item.id}:${item.version}`}
                    />
                    <label htmlFor={`select-${item.id}`}>Select for a bulk decision</label>
                  </div>
                ) : null}
                <ModerationItemSummary item={item} now={now} headingLevel="h2" />
              </li>
            ))}
          </ol>
          <fieldset className="field bulk-actions">
            <legend className="field__label">Decide the selected held posts</legend>
            <button
              type="submit"
              name="intent"
              value="bulk-approve"
              className="button"
              disabled={busy}
            >
              Approve selected
            </button>
            <SelectField
              name="houseRuleId"
              label="House rule, to reject"
              placeholder="Choose a rule"
              options={rules.map((r) => ({
                value: String(r.id),
                label: `${r.number}. ${r.title}`,
              }))}
              defaultValue={failure?.values.houseRuleId}
              error={failure?.fieldErrors.houseRuleId}
            />
            <button
              type="submit"
              name="intent"
              value="bulk-reject"
              className="button button--warning"
              disabled={busy}
            >
              Reject selected
            </button>
          </fieldset>
        </Form>
      )}
      {next ? (
        <p className="pagination">
          <Link to={`?${nextParams.toString()}`}>Next items</Link>
        </p>
      ) : null}
    </>
  );
}
