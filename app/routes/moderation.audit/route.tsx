import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth.server";
import { AuditTable } from "~/components/audit-table";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { SelectField, TextField } from "~/components/form-fields";
import { searchAuditLog } from "~/domain/audit-log.server";
import { AUDIT_TARGET_TYPES, type AuditTargetType } from "~/domain/moderation-labels";
import { queryId } from "~/schemas/query";

export const meta: MetaFunction = () => [{ title: "Moderation audit log — Parley" }];

const ACTIONS = [
  "hold",
  "auto_hide",
  "approve",
  "reject",
  "edit_approve",
  "redact",
  "hide",
  "ignore",
  "appeal",
  "appeal_approved",
  "appeal_rejected",
  "appeal_edited",
  "claim",
  "release",
  "escalate",
  "advise",
  "warn",
  "suspend",
  "ban",
  "lift_sanction",
  "raise_trust",
  "update_settings",
  "add_house_rule",
  "edit_house_rule",
  "retire_house_rule",
];

function isTargetType(value: string | null): value is AuditTargetType {
  return value !== null && (AUDIT_TARGET_TYPES as readonly string[]).includes(value);
}

export async function loader({ context, request }: LoaderFunctionArgs) {
  const viewer = requirePermission(
    context,
    request,
    "moderate:post:any",
    "Only moderators and administrators can read the audit log.",
  );
  const url = new URL(request.url);
  const q = (url.searchParams.get("q") ?? "").slice(0, 200);
  const action = url.searchParams.get("action");
  const target = url.searchParams.get("target");
  const targetIdParam = url.searchParams.get("targetId");
  const filters = {
    q,
    action: action && ACTIONS.includes(action) ? action : null,
    targetType: isTargetType(target) ? target : null,
    targetId: targetIdParam && /^\d{1,9}$/.test(targetIdParam) ? Number(targetIdParam) : null,
    beforeId: queryId(url, "before"),
  };
  const page = await searchAuditLog(context.services.db, viewer, filters);
  return { ...page, filters };
}

export default function AuditLogPage() {
  const { rows, nextBeforeId, filters } = useLoaderData<typeof loader>();
  const nextParams = new URLSearchParams();
  if (filters.q) nextParams.set("q", filters.q);
  if (filters.action) nextParams.set("action", filters.action);
  if (filters.targetType) nextParams.set("target", filters.targetType);
  if (filters.targetId) nextParams.set("targetId", String(filters.targetId));
  if (nextBeforeId) nextParams.set("before", String(nextBeforeId));
  return (
    <>
      <Breadcrumbs trail={[{ to: "/moderation", label: "Moderation queue" }]} />
      <h1>Moderation audit log</h1>
      <p className="lede">
        Every moderation action, newest first. Nothing here can be changed or deleted, not even by
        an administrator.
      </p>
      <Form method="get" className="filters" role="search" aria-label="Search the audit log">
        <TextField
          name="q"
          label="Words"
          defaultValue={filters.q}
          hint="In the reason, the before and after values, or the moderator's name."
        />
        <SelectField
          name="action"
          label="Action"
          placeholder="Any action"
          options={ACTIONS.map((a) => ({ value: a, label: a.replaceAll("_", " ") }))}
          defaultValue={filters.action ?? ""}
        />
        <SelectField
          name="target"
          label="Target"
          placeholder="Any target"
          options={AUDIT_TARGET_TYPES.map((t) => ({ value: t, label: t.replace("_", " ") }))}
          defaultValue={filters.targetType ?? ""}
        />
        <button type="submit" className="button button--secondary">
          Search
        </button>
      </Form>
      <AuditTable rows={rows} caption="Audit log entries" />
      {nextBeforeId ? (
        <p className="pagination">
          <Link to={`?${nextParams.toString()}`}>Older entries</Link>
        </p>
      ) : null}
    </>
  );
}
