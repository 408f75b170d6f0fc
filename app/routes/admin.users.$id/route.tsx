import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { domainFailure, formFailure } from "~/action-result.server";
import { requirePermission } from "~/auth.server";
import { ErrorSummary, SelectField, TextArea } from "~/components/form-fields";
import { formatDateTime } from "~/components/format";
import {
  changeRole,
  describeAccountForAdmin,
  resetSecondFactors,
} from "~/domain/account-administration.server";
import { describeSecondFactorsHeld, ROLE_LABELS } from "~/domain/account-labels";
import { NotFoundError } from "~/domain/errors";
import { listPasskeys } from "~/domain/second-factors/passkeys.server";
import { readSignInSettings } from "~/domain/second-factors/sign-in-settings.server";
import { passRetryAfter } from "~/retry-after-headers";
import { checkFreshSecondFactor } from "~/second-factor-checks.server";
import { logSecurityEvent } from "~/security-log.server";
import { factorResetSchema, roleChangeSchema } from "~/schemas/account-administration";
import {
  CONFIRMATION_CODE_LABEL,
  ConfirmationCodeField,
} from "~/components/confirmation-code-field";
import { parseForm } from "~/schemas/parse-form";
import { ROLES } from "../../../db/schema";

export const meta: MetaFunction = () => [{ title: "Account — Parley" }];
export const headers = passRetryAfter;

const requireAdmin = (context: LoaderFunctionArgs["context"], request: Request) =>
  requirePermission(
    context,
    request,
    "manage:users:any",
    "Only administrators can see and manage accounts.",
  );

const idSchema = z.coerce.number().int().positive().max(2_147_483_647);

function accountId(params: LoaderFunctionArgs["params"]): number {
  const parsed = idSchema.safeParse(params.id);
  if (!parsed.success) throw new Response("There is no such account.", { status: 404 });
  return parsed.data;
}

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  const viewer = requireAdmin(context, request);
  const { db } = context.services;
  const [account, settings, ownPasskeys] = await Promise.all([
    describeAccountForAdmin(db, viewer, accountId(params)).catch((error: unknown) => {
      if (error instanceof NotFoundError) {
        throw new Response("There is no such account.", { status: 404 });
      }
      throw error;
    }),
    readSignInSettings(db),
    listPasskeys(db, viewer.id),
  ]);
  return {
    account,
    self: account.id === viewer.id,
    hasPasskey: ownPasskeys.length > 0,
    providerName: account.singleSignOn
      ? (context.services.config.singleSignOnProviders.find((p) => p.id === account.singleSignOn)
          ?.name ?? account.singleSignOn)
      : null,
    required: settings.secondFactorRoles.includes(account.role),
    notice: new URL(request.url).searchParams.get("notice"),
  };
}

export async function action({ context, request, params }: ActionFunctionArgs) {
  const viewer = requireAdmin(context, request);
  const userId = accountId(params);
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  const schema =
    intent === "role" ? roleChangeSchema : intent === "reset" ? factorResetSchema : null;
  if (!schema) throw new Response("That is not something this page can do.", { status: 400 });
  const form = parseForm(schema, formData);
  const values = { ...form.values, intent };
  if (!form.ok) return formFailure(400, { ...form, values });
  // A fresh second factor from the administrator before either change.
  const refused = await checkFreshSecondFactor(context, request, viewer.id, formData, values);
  if (refused) return refused;
  const { db } = context.services;
  try {
    if ("role" in form.data) {
      await changeRole(db, viewer, { userId, role: form.data.role }, new Date());
      logSecurityEvent(context, "role_changed", { targetUserId: userId });
      return redirect(`/admin/users/${userId}?notice=role`, 303);
    }
    await resetSecondFactors(db, viewer, { userId, reason: form.data.reason }, new Date());
    logSecurityEvent(context, "second_factors_reset", { targetUserId: userId });
    return redirect(`/admin/users/${userId}?notice=reset`, 303);
  } catch (error) {
    return domainFailure(error, values);
  }
}

const NOTICES: Record<string, string> = {
  role: "The role is changed, and the account holder has been told by email.",
  reset:
    "Their second factors are removed and they are signed out everywhere. They have been told by email.",
};

export default function AccountAdminPage() {
  const { account, self, required, notice, hasPasskey, providerName } =
    useLoaderData<typeof loader>();
  const factors = describeSecondFactorsHeld(account);
  const signsInWith = providerName ?? "Password";
  const failure = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const failed = (intent: string) => (failure?.values.intent === intent ? failure : undefined);
  const roleFailure = failed("role");
  const resetFailure = failed("reset");
  return (
    <>
      <p>
        <Link to="/admin/users">All accounts</Link>
      </p>
      <h1>{account.displayName}</h1>
      {notice && NOTICES[notice] ? (
        <p className="notice" role="status">
          {NOTICES[notice]}
        </p>
      ) : null}
      <dl className="summary-list">
        <div>
          <dt>Email address</dt>
          <dd className="wrap-anywhere">{account.email}</dd>
        </div>
        <div>
          <dt>Role</dt>
          <dd>{ROLE_LABELS[account.role]}</dd>
        </div>
        <div>
          <dt>Signs in with</dt>
          <dd>
            {signsInWith}
            {factors
              ? ` and ${factors}`
              : required
                ? " only: two-step sign-in is not set up yet, so this account reaches no staff page until it is"
                : " only"}
          </dd>
        </div>
        <div>
          <dt>Last signed in</dt>
          <dd>
            {account.lastSignInAt ? formatDateTime(new Date(account.lastSignInAt)) : "Not recently"}
          </dd>
        </div>
      </dl>
      {self ? (
        <p>
          This is your account: manage your own{" "}
          <Link to="/account/two-factor">two-step sign-in</Link>. Another administrator changes your
          role.
        </p>
      ) : (
        <>
          <h2 id="role-title">Change role</h2>
          <Form method="post" noValidate aria-labelledby="role-title">
            <ErrorSummary
              formError={roleFailure?.formError}
              fieldErrors={roleFailure?.fieldErrors}
              labels={{ role: "Role", confirmationCode: CONFIRMATION_CODE_LABEL }}
            />
            <input type="hidden" name="intent" value="role" />
            <SelectField
              name="role"
              label="Role"
              placeholder="Choose a role"
              options={ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role] }))}
              defaultValue={roleFailure?.values.role ?? account.role}
              error={roleFailure?.fieldErrors.role}
            />
            <ConfirmationCodeField
              form="role"
              passkey={hasPasskey}
              error={roleFailure?.fieldErrors.confirmationCode}
            />
            <button type="submit" className="button" disabled={busy}>
              Change role
            </button>
          </Form>
          <h2 id="reset-title">Reset two-step sign-in</h2>
          <p>
            For someone who lost their phone and their recovery codes. Check who is asking first,
            for example by calling them on a number the council already has. This removes their
            authenticator app and recovery codes and signs them out everywhere; they are told by
            email.
          </p>
          <Form method="post" noValidate aria-labelledby="reset-title">
            <ErrorSummary
              formError={resetFailure?.formError}
              fieldErrors={resetFailure?.fieldErrors}
              labels={{ reason: "Reason", confirmationCode: CONFIRMATION_CODE_LABEL }}
            />
            <input type="hidden" name="intent" value="reset" />
            <TextArea
              name="reason"
              label="Reason"
              hint="Kept in the audit log: who asked, and how you checked it was them."
              rows={3}
              defaultValue={resetFailure?.values.reason}
              error={resetFailure?.fieldErrors.reason}
            />
            <ConfirmationCodeField
              form="reset"
              passkey={hasPasskey}
              error={resetFailure?.fieldErrors.confirmationCode}
            />
            <button type="submit" className="button button--warning" disabled={busy}>
              Reset two-step sign-in
            </button>
          </Form>
        </>
      )}
    </>
  );
}
