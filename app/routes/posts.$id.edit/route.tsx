import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { domainFailure, formFailure } from "~/action-result.server";
import {
  CONTRIBUTION_REFUSAL,
  limitedFormFailure,
  takeContribution,
} from "~/rate-limit-responses.server";
import { requireViewer } from "~/auth.server";
import { ErrorSummary, TextArea } from "~/components/form-fields";
import { formatDateTime } from "~/components/format";
import { editPost, getPostForEdit } from "~/domain/post-edits.server";
import { parseIdParam, throwDomainResponse } from "~/http.server";
import { editPostSchema } from "~/schemas/contributions";
import { parseForm } from "~/schemas/parse-form";

export const meta: MetaFunction = () => [{ title: "Edit your post — Parley" }];

export async function loader({ params, context, request }: LoaderFunctionArgs) {
  const viewer = requireViewer(context, request);
  const post = await getPostForEdit(context.services.db, viewer, parseIdParam(params.id), {
    now: new Date(),
    windowMinutes: context.services.config.editWindowMinutes,
  }).catch(throwDomainResponse);
  return { post };
}

export async function action({ params, context, request }: ActionFunctionArgs) {
  const viewer = requireViewer(context, request);
  const postId = parseIdParam(params.id);
  const form = parseForm(editPostSchema, await request.formData());
  if (!form.ok) return formFailure(400, form);
  const limit = await takeContribution(context.services, viewer, "edit");
  if (!limit.allowed)
    return limitedFormFailure(form.values, CONTRIBUTION_REFUSAL.edit, limit.retryAfterSeconds);
  try {
    const { threadId } = await editPost(context.services.db, viewer, postId, form.data, {
      now: new Date(),
      windowMinutes: context.services.config.editWindowMinutes,
    });
    return redirect(`/threads/${threadId}#post-${postId}`, 303);
  } catch (error) {
    return domainFailure(error, form.values);
  }
}

export default function EditPostPage() {
  const { post } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  return (
    <>
      <Breadcrumbs trail={[{ to: `/threads/${post.threadId}`, label: post.threadTitle }]} />
      <h1>Edit your post</h1>
      <p className="lede">
        You can edit until {formatDateTime(post.editableUntil)}. Earlier versions stay visible to
        everyone.
      </p>
      <Form method="post" noValidate>
        <ErrorSummary
          formError={failure?.formError}
          fieldErrors={failure?.fieldErrors}
          labels={{ body: "Your post" }}
        />
        <input type="hidden" name="version" value={failure?.values.version ?? post.version} />
        <TextArea
          name="body"
          label="Your post"
          error={failure?.fieldErrors.body}
          defaultValue={failure?.values.body ?? post.bodyMd}
        />
        <button type="submit" className="button" disabled={busy}>
          Save changes
        </button>{" "}
        <Link to={`/threads/${post.threadId}#post-${post.id}`}>Cancel</Link>
      </Form>
    </>
  );
}
