import { passRetryAfter } from "~/retry-after-headers";
import {
  CONTRIBUTION_REFUSAL,
  limitedFormFailure,
  takeContribution,
} from "~/rate-limit-responses.server";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { ErrorSummary, RadioGroup, TextArea, TextField } from "~/components/form-fields";
import { domainFailure, formFailure } from "~/action-result.server";
import { requireViewer } from "~/auth.server";
import { getIssue } from "~/domain/issues.server";
import { issuePhase } from "~/domain/policy";
import { restrictionOf } from "~/domain/participation.server";
import { startThread } from "~/domain/threads.server";
import { throwDomainResponse } from "~/http.server";
import { newThreadSchema } from "~/schemas/contributions";
import { parseForm } from "~/schemas/parse-form";

export const meta: MetaFunction = () => [{ title: "Start a thread — Parley" }];

export async function loader({ params, context, request }: LoaderFunctionArgs) {
  const viewer = requireViewer(context, request);
  const issue = await getIssue(context.services.db, params.slug ?? "", viewer).catch(
    throwDomainResponse,
  );
  return {
    issue: { slug: issue.slug, title: issue.title },
    open: issuePhase(issue, new Date()) === "open",
    restriction: restrictionOf(viewer, new Date()),
  };
}

export const headers = passRetryAfter;

export async function action({ params, context, request }: ActionFunctionArgs) {
  const viewer = requireViewer(context, request);
  const form = parseForm(newThreadSchema, await request.formData());
  if (!form.ok) return formFailure(400, form);
  const limit = await takeContribution(context.services, viewer, "post");
  if (!limit.allowed)
    return limitedFormFailure(form.values, CONTRIBUTION_REFUSAL.post, limit.retryAfterSeconds);
  try {
    const { threadId } = await startThread(
      context.services.db,
      viewer,
      params.slug ?? "",
      form.data,
      new Date(),
    );
    return redirect(`/threads/${threadId}`, 303);
  } catch (error) {
    return domainFailure(error, form.values);
  }
}

const LABELS = { kind: "Kind of thread", title: "Title", body: "Your first post" };

export default function NewThreadPage() {
  const { issue, open, restriction } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  return (
    <>
      <Breadcrumbs
        trail={[
          { to: "/", label: "Home" },
          { to: `/issues/${issue.slug}`, label: issue.title },
        ]}
      />
      <h1>Start a thread</h1>
      {!open ? (
        <p className="notice notice--warning">This consultation is not open for new threads.</p>
      ) : null}
      {restriction ? <p className="notice notice--warning">{restriction}</p> : null}
      <Form method="post" noValidate>
        <ErrorSummary
          formError={failure?.formError}
          fieldErrors={failure?.fieldErrors}
          labels={LABELS}
        />
        <RadioGroup
          name="kind"
          legend={LABELS.kind}
          error={failure?.fieldErrors.kind}
          defaultValue={failure?.values.kind ?? "discussion"}
          options={[
            { value: "discussion", label: "Discussion", hint: "Talk about the issue with others." },
            { value: "idea", label: "Idea", hint: "Propose something others can support." },
            {
              value: "question",
              label: "Question to staff",
              hint: "Ask the council; an officer will answer.",
            },
          ]}
        />
        <TextField
          name="title"
          label={LABELS.title}
          error={failure?.fieldErrors.title}
          defaultValue={failure?.values.title}
        />
        <TextArea
          name="body"
          label={LABELS.body}
          hint="You can use Markdown: **bold**, *italic*, lists and links."
          error={failure?.fieldErrors.body}
          defaultValue={failure?.values.body}
        />
        <button type="submit" className="button" disabled={busy}>
          Start thread
        </button>
      </Form>
    </>
  );
}
