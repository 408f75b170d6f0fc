import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { formFailure } from "~/action-result.server";
import { requireViewer } from "~/auth.server";
import { ErrorSummary, TextArea, TextField } from "~/components/form-fields";
import { getProfile, updateOwnProfile } from "~/domain/profiles.server";
import { profileSchema } from "~/schemas/accounts";
import { parseForm } from "~/schemas/parse-form";

export const meta: MetaFunction = () => [{ title: "Your profile — Parley" }];

export async function loader({ context, request }: LoaderFunctionArgs) {
  const viewer = requireViewer(context, request);
  const profile = await getProfile(context.services.db, viewer.id);
  return { profile: { id: profile.id, displayName: profile.displayName, bio: profile.bio } };
}

export async function action({ context, request }: ActionFunctionArgs) {
  const viewer = requireViewer(context, request);
  // Only the two fields the schema names are read: a form carrying "role" changes nothing.
  const form = parseForm(profileSchema, await request.formData());
  if (!form.ok) return formFailure(400, form);
  await updateOwnProfile(context.services.db, viewer, form.data);
  return redirect(`/people/${viewer.id}`, 303);
}

const LABELS = { displayName: "Your name", bio: "About you" };

export default function EditProfilePage() {
  const { profile } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  return (
    <>
      <h1>Your profile</h1>
      <Form method="post" noValidate>
        <ErrorSummary
          formError={failure?.formError}
          fieldErrors={failure?.fieldErrors}
          labels={LABELS}
        />
        <TextField
          name="displayName"
          label={LABELS.displayName}
          hint="Shown next to everything you write."
          error={failure?.fieldErrors.displayName}
          defaultValue={failure?.values.displayName ?? profile.displayName}
        />
        <TextArea
          name="bio"
          label={LABELS.bio}
          hint="Optional. A line or two others see on your profile."
          rows={4}
          error={failure?.fieldErrors.bio}
          defaultValue={failure?.values.bio ?? profile.bio}
        />
        <button type="submit" className="button" disabled={busy}>
          Save profile
        </button>
      </Form>
    </>
  );
}
