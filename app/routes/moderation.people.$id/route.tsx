import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { domainFailure, formFailure } from "~/action-result.server";
import { requirePermission } from "~/auth.server";
import { AuditTable } from "~/components/audit-table";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { ErrorSummary, RadioGroup, SelectField, TextArea } from "~/components/form-fields";
import { formatDate, formatDateTime } from "~/components/format";
import { listHouseRules } from "~/domain/house-rules.server";
import { getModerationProfile, sanctionUser } from "~/domain/sanctions.server";
import { parseIdParam, throwDomainResponse } from "~/http.server";
import { SANCTION_DURATIONS, sanctionSchema } from "~/schemas/moderation";
import {
  CONFIRMATION_CODE_LABEL,
  ConfirmationCodeField,
} from "~/components/confirmation-code-field";
import { describeSecondFactors } from "~/domain/second-factors/authenticator.server";
import { listPasskeys } from "~/domain/second-factors/passkeys.server";
import { checkFreshSecondFactor } from "~/second-factor-checks.server";
import { parseForm } from "~/schemas/parse-form";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.person.name}’s record — Parley` : "Moderation record — Parley" },
];

const requireModerator = (context: LoaderFunctionArgs["context"], request: Request) =>
  requirePermission(
    context,
    request,
    "moderate:post:any",
    "Only moderators can see people's moderation records.",
  );

export async function loader({ params, context, request }: LoaderFunctionArgs) {
  const viewer = requireModerator(context, request);
  const db = context.services.db;
  const person = await getModerationProfile(db, viewer, parseIdParam(params.id)).catch(
    throwDomainResponse,
  );
  const [rules, factors, passkeys] = await Promise.all([
    listHouseRules(db),
    describeSecondFactors(db, viewer.id),
    listPasskeys(db, viewer.id),
  ]);
  return {
    person,
    rules,
    hasPasskey: passkeys.length > 0,
    hasSecondFactor: factors.authenticatorAddedAt !== null || passkeys.length > 0,
    now: new Date(),
    done: new URL(request.url).searchParams.get("done"),
  };
}

export async function action({ params, context, request }: ActionFunctionArgs) {
  const viewer = requireModerator(context, request);
  const userId = parseIdParam(params.id);
  const formData = await request.formData();
  const form = parseForm(sanctionSchema, formData);
  if (!form.ok) return formFailure(400, form);
  if (form.data.intent === "ban") {
    const refused = await checkFreshSecondFactor(
      context,
      request,
      viewer.id,
      formData,
      form.values,
    );
    if (refused) return refused;
  }
  try {
    await sanctionUser(context.services.db, viewer, userId, form.data, new Date());
    return redirect(`/moderation/people/${userId}?done=${form.data.intent}`, 303);
  } catch (error) {
    return domainFailure(error, form.values);
  }
}

const DONE_TEXT: Record<string, string> = {
  warn: "The warning has been sent.",
  suspend: "The account is suspended. They have been told until when, and why.",
  ban: "The account is banned. They have been told why.",
  lift: "The restriction is lifted. They have been told.",
};

const LABELS = {
  intent: "Action",
  days: "How long",
  reason: "Reason",
  houseRuleId: "House rule",
  confirmationCode: CONFIRMATION_CODE_LABEL,
};

export default function ModerationPersonPage() {
  const { person, rules, now, done, hasPasskey, hasSecondFactor } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const restricted =
    person.bannedAt !== null || (person.suspendedUntil !== null && person.suspendedUntil > now);
  const values = failure?.values.intent !== "lift" ? failure?.values : undefined;
  return (
    <>
      <Breadcrumbs trail={[{ to: "/moderation", label: "Moderation queue" }]} />
      <h1>{person.name}’s moderation record</h1>
      {done && DONE_TEXT[done] ? (
        <p className="notice" role="status">
          {DONE_TEXT[done]}
        </p>
      ) : null}
      <dl className="facts">
        <dt>Role</dt>
        <dd>{person.role}</dd>
        <dt>Joined</dt>
        <dd>{formatDate(person.joinedAt)}</dd>
        <dt>Trust level</dt>
        <dd>{person.trustLevel}</dd>
        <dt>Posts</dt>
        <dd>
          {person.counts.published} published, {person.counts.pending} waiting,{" "}
          {person.counts.hidden} hidden, {person.counts.rejected} rejected
        </dd>
        <dt>Flags raised</dt>
        <dd>{person.counts.flagsRaised}</dd>
        <dt>Account</dt>
        <dd>
          {person.bannedAt
            ? `Banned since ${formatDate(person.bannedAt)}`
            : person.suspendedUntil && person.suspendedUntil > now
              ? `Suspended until ${formatDateTime(person.suspendedUntil)}`
              : "Can take part"}
          {restricted && person.sanctionReason ? ` — “${person.sanctionReason}”` : ""}
        </dd>
      </dl>
      <p>
        <Link to={`/people/${person.id}`}>Public profile</Link>
      </p>

      {person.canSanction ? (
        <section aria-labelledby="sanction-heading">
          <h2 id="sanction-heading">Warn, suspend or ban</h2>
          <p>
            They keep reading access, are told what you decide and why, and every action is recorded
            in the audit log.
          </p>
          <ErrorSummary
            formError={failure?.formError}
            fieldErrors={failure?.fieldErrors}
            labels={LABELS}
          />
          <Form method="post" noValidate>
            <RadioGroup
              name="intent"
              legend="What to do"
              options={[
                { value: "warn", label: "Warn", hint: "A message only; nothing changes." },
                {
                  value: "suspend",
                  label: "Suspend",
                  hint: "No posting, flagging or supporting for a while.",
                },
                {
                  value: "ban",
                  label: "Ban",
                  hint: "No posting, flagging or supporting until lifted.",
                },
              ]}
              defaultValue={values?.intent}
              error={failure?.fieldErrors.intent}
            />
            <SelectField
              name="days"
              label="How long, for a suspension"
              placeholder="Choose a length"
              options={SANCTION_DURATIONS.map((d) => ({
                value: d,
                label: d === "1" ? "1 day" : `${d} days`,
              }))}
              defaultValue={values?.days}
              error={failure?.fieldErrors.days}
            />
            <SelectField
              name="houseRuleId"
              label="The house rule (optional)"
              placeholder="No particular rule"
              options={rules.map((r) => ({
                value: String(r.id),
                label: `${r.number}. ${r.title}`,
              }))}
              defaultValue={values?.houseRuleId}
              error={failure?.fieldErrors.houseRuleId}
            />
            <TextArea
              name="reason"
              label="Reason, in words they will read"
              rows={3}
              defaultValue={values?.reason}
              error={failure?.fieldErrors.reason}
            />
            <fieldset className="field">
              <legend>To ban: confirm it is you</legend>
              {hasSecondFactor ? (
                <ConfirmationCodeField
                  form="sanction"
                  passkey={hasPasskey}
                  error={failure?.fieldErrors.confirmationCode}
                />
              ) : (
                <p>
                  Banning needs a fresh code from two-step sign-in, which your account does not have
                  yet. <Link to="/account/two-factor">Set up two-step sign-in</Link> first.
                </p>
              )}
            </fieldset>
            <button type="submit" className="button button--warning" disabled={busy}>
              Apply
            </button>
          </Form>
          {restricted ? (
            <Form method="post" className="inline-form">
              <input type="hidden" name="intent" value="lift" />
              <button type="submit" className="button button--secondary" disabled={busy}>
                Lift the {person.bannedAt ? "ban" : "suspension"}
              </button>
            </Form>
          ) : null}
        </section>
      ) : null}

      <section aria-labelledby="sanctions-heading">
        <h2 id="sanctions-heading">Sanctions</h2>
        {person.sanctions.length === 0 ? (
          <p>None.</p>
        ) : (
          <ul className="card-list">
            {person.sanctions.map((s) => (
              <li key={s.id}>
                <strong>
                  {s.kind === "warn" ? "Warning" : s.kind === "suspend" ? "Suspension" : "Ban"}
                </strong>{" "}
                by {s.byName} on {formatDateTime(s.createdAt)}
                {s.until ? `, until ${formatDateTime(s.until)}` : ""}
                {s.liftedAt ? `, lifted ${formatDateTime(s.liftedAt)}` : ""}: “{s.reason}”
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="history-heading">
        <h2 id="history-heading">History</h2>
        <AuditTable rows={person.history} caption={`Moderation actions about ${person.name}`} />
      </section>
    </>
  );
}
