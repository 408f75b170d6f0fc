import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { domainFailure, formFailure } from "~/action-result.server";
import { requirePermission } from "~/auth.server";
import { ErrorSummary, TextArea, TextField } from "~/components/form-fields";
import { formatDateTime } from "~/components/format";
import {
  loadModerationSettings,
  updateModerationSettings,
} from "~/domain/moderation-settings.server";
import { moderationSettingsSchema, toSettingsInput } from "~/schemas/moderation";
import { parseForm } from "~/schemas/parse-form";

export const meta: MetaFunction = () => [{ title: "Moderation settings — Parley" }];

const requireAdmin = (context: LoaderFunctionArgs["context"], request: Request) =>
  requirePermission(
    context,
    request,
    "manage:moderation:any",
    "Only administrators can change the moderation settings.",
  );

export async function loader({ context, request }: LoaderFunctionArgs) {
  requireAdmin(context, request);
  const settings = await loadModerationSettings(context.services.db);
  return { settings, saved: new URL(request.url).searchParams.has("saved") };
}

export async function action({ context, request }: ActionFunctionArgs) {
  const viewer = requireAdmin(context, request);
  const form = parseForm(moderationSettingsSchema, await request.formData());
  if (!form.ok) return formFailure(400, form);
  try {
    await updateModerationSettings(
      context.services.db,
      viewer,
      toSettingsInput(form.data),
      new Date(),
    );
    return redirect("/admin/moderation-settings?saved", 303);
  } catch (error) {
    return domainFailure(error, form.values);
  }
}

const LABELS: Record<string, string> = {
  newAccountPostsHeld: "Posts held for a new account",
  linksTrust0: "Links allowed at trust level 0",
  linksTrust1: "Links allowed at trust level 1",
  linksTrust2: "Links allowed at trust level 2",
  linksTrust3: "Links allowed at trust level 3 and above",
  blockedTerms: "Blocked terms",
  floodPosts: "Posts that count as flooding",
  floodMinutes: "Within this many minutes",
  duplicateMinutes: "Refuse a repeated post within this many minutes",
  shoutingMinLetters: "Check for shouting from this many letters",
  shoutingRatio: "Share of capitals that counts as shouting",
  flagHideThreshold: "Flag weight that hides a post",
};

export default function ModerationSettingsPage() {
  const { settings, saved } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const value = (name: string, current: string | number) =>
    failure?.values[name] ?? String(current);
  const field = (name: string, current: string | number, hint?: string) => (
    <TextField
      name={name}
      label={LABELS[name] ?? name}
      hint={hint}
      defaultValue={value(name, current)}
      error={failure?.fieldErrors[name]}
    />
  );
  const links = settings.maxLinksByTrust;
  return (
    <>
      <h1>Moderation settings</h1>
      <p className="lede">
        These decide which posts wait for a moderator. Every change is recorded, with the old and
        new values, in the <Link to="/moderation/audit?action=update_settings">audit log</Link>.
      </p>
      <p className="meta">
        Last changed {formatDateTime(settings.updatedAt)}
        {settings.updatedByName ? ` by ${settings.updatedByName}` : ""}.
      </p>
      {saved ? (
        <p className="notice" role="status">
          The settings are saved.
        </p>
      ) : null}
      <ErrorSummary
        formError={failure?.formError}
        fieldErrors={failure?.fieldErrors}
        labels={LABELS}
      />
      <Form method="post" noValidate>
        <fieldset className="field">
          <legend className="field__label">New accounts and links</legend>
          {field(
            "newAccountPostsHeld",
            settings.newAccountPostsHeld,
            "A new account's first posts wait for a moderator. 0 turns this off.",
          )}
          {field("linksTrust0", links[0] ?? 1)}
          {field("linksTrust1", links[1] ?? 3)}
          {field("linksTrust2", links[2] ?? 8)}
          {field("linksTrust3", links[3] ?? 20)}
        </fieldset>
        <TextArea
          name="blockedTerms"
          label={LABELS.blockedTerms ?? "Blocked terms"}
          hint="One word or phrase per line. Matching ignores case and accents and only matches whole words. A post containing one waits for a moderator."
          rows={8}
          defaultValue={value("blockedTerms", settings.blockedTerms.join("\n"))}
          error={failure?.fieldErrors.blockedTerms}
        />
        <fieldset className="field">
          <legend className="field__label">Flooding, repeats and shouting</legend>
          {field("floodPosts", settings.floodPosts)}
          {field("floodMinutes", settings.floodMinutes)}
          {field("duplicateMinutes", settings.duplicateMinutes)}
          {field("shoutingMinLetters", settings.shoutingMinLetters)}
          {field("shoutingRatio", settings.shoutingRatio, "Between 0.5 and 1, for example 0.7.")}
        </fieldset>
        {field(
          "flagHideThreshold",
          settings.flagHideThreshold,
          "A new resident's flag weighs 1; trusted residents with a good record weigh more.",
        )}
        <fieldset className="field">
          <legend className="field__label">New accounts</legend>
          <div className="checkbox">
            <input
              type="checkbox"
              id="unverifiedMayPost"
              name="unverifiedMayPost"
              defaultChecked={
                failure ? failure.values.unverifiedMayPost === "on" : settings.unverifiedMayPost
              }
            />
            <label htmlFor="unverifiedMayPost">
              Let people post before they confirm their email address
            </label>
          </div>
          <p className="field__hint">
            Off by default: a confirmed address makes throwaway accounts harder to make.
          </p>
        </fieldset>
        <button type="submit" className="button" disabled={busy}>
          Save settings
        </button>
      </Form>
    </>
  );
}
