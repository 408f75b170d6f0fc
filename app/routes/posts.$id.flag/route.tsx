import { passRetryAfter } from "~/retry-after-headers";
import {
  CONTRIBUTION_REFUSAL,
  limitedFormFailure,
  takeContribution,
} from "~/rate-limit-responses.server";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { domainFailure, formFailure } from "~/action-result.server";
import { requireViewer } from "~/auth.server";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { ErrorSummary, RadioGroup, TextArea } from "~/components/form-fields";
import { flagPost, getFlaggablePost } from "~/domain/flags.server";
import { FLAG_REASON_LABEL } from "~/domain/moderation-labels";
import { restrictionOf } from "~/domain/participation.server";
import { parseIdParam, throwDomainResponse } from "~/http.server";
import { flagSchema } from "~/schemas/moderation";
import { parseForm } from "~/schemas/parse-form";
import { FLAG_REASONS } from "../../../db/schema";

export const meta: MetaFunction = () => [{ title: "Flag a post — Parley" }];

export async function loader({ params, context, request }: LoaderFunctionArgs) {
  const viewer = requireViewer(context, request);
  const post = await getFlaggablePost(context.services.db, viewer, parseIdParam(params.id)).catch(
    throwDomainResponse,
  );
  return { post, restriction: restrictionOf(viewer, new Date()) };
}

export const headers = passRetryAfter;

export async function action({ params, context, request }: ActionFunctionArgs) {
  const viewer = requireViewer(context, request);
  const postId = parseIdParam(params.id);
  const form = parseForm(flagSchema, await request.formData());
  if (!form.ok) return formFailure(400, form);
  const limit = await takeContribution(context.services, viewer, "flag");
  if (!limit.allowed)
    return limitedFormFailure(form.values, CONTRIBUTION_REFUSAL.flag, limit.retryAfterSeconds);
  try {
    const { hidden, threadId } = await flagPost(
      context.services.db,
      viewer,
      postId,
      form.data,
      new Date(),
    );
    // A post this flag hid is gone from the thread, so land at the top with the notice.
    return redirect(
      hidden
        ? `/threads/${threadId}?notice=flag-hid`
        : `/threads/${threadId}?notice=flagged#post-${postId}`,
      303,
    );
  } catch (error) {
    return domainFailure(error, form.values);
  }
}

const HINTS: Partial<Record<(typeof FLAG_REASONS)[number], string>> = {
  abusive: "Insults, threats, harassment or hate.",
  spam: "Advertising, or the same thing posted again and again.",
  off_topic: "Nothing to do with this issue.",
  personal_information: "Someone's phone number, address, email, or health or identity details.",
  illegal: "For example defamation, or encouraging a crime.",
  other: "Tell us what is wrong in the box below.",
};

export default function FlagPostPage() {
  const { post, restriction } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  return (
    <>
      <Breadcrumbs trail={[{ to: `/threads/${post.threadId}`, label: post.threadTitle }]} />
      <h1>Flag a post</h1>
      <p>
        You are flagging this post by <strong>{post.authorName}</strong>. Moderators will check it
        against the <Link to="/house-rules">house rules</Link>. They will not tell the author who
        flagged it, and you will hear what they decide.
      </p>
      <blockquote className="summary" dangerouslySetInnerHTML={{ __html: post.bodyHtml }} />
      {restriction ? (
        <p className="notice notice--warning" role="status">
          {restriction}
        </p>
      ) : post.alreadyFlagged ? (
        <p className="notice" role="status">
          You have flagged this post. Thank you: a moderator will look at it.
        </p>
      ) : (
        <>
          <ErrorSummary
            formError={failure?.formError}
            fieldErrors={failure?.fieldErrors}
            labels={{ reason: "Why", note: "Details" }}
          />
          <Form method="post" noValidate>
            <RadioGroup
              name="reason"
              legend="What is wrong with it?"
              options={FLAG_REASONS.map((reason) => ({
                value: reason,
                label: FLAG_REASON_LABEL[reason],
                hint: HINTS[reason],
              }))}
              defaultValue={failure?.values.reason}
              error={failure?.fieldErrors.reason}
            />
            <TextArea
              name="note"
              label="Details (optional unless you chose “Something else”)"
              rows={3}
              defaultValue={failure?.values.note}
              error={failure?.fieldErrors.note}
            />
            <button type="submit" className="button" disabled={busy}>
              Flag this post
            </button>{" "}
            <Link to={`/threads/${post.threadId}#post-${post.id}`}>Cancel</Link>
          </Form>
        </>
      )}
    </>
  );
}
