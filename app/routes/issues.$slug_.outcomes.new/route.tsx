import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { domainFailure, formFailure, withExtra } from "~/action-result.server";
import { requirePermission } from "~/auth.server";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { ErrorSummary, SelectField } from "~/components/form-fields";
import { OUTCOME_FIELD_LABELS, OutcomeFormFields } from "~/components/outcome-form-fields";
import { getIssue } from "~/domain/issues.server";
import { draftOutcome, listCitablePosts, listIdeas } from "~/domain/outcomes.server";
import { throwDomainResponse } from "~/http.server";
import { citedPostIds, ideaId, outcomeSchema } from "~/schemas/outcomes";
import { parseForm } from "~/schemas/parse-form";

export const meta: MetaFunction = () => [{ title: "Write an outcome — Parley" }];

const requireOfficer = (context: LoaderFunctionArgs["context"], request: Request) =>
  requirePermission(
    context,
    request,
    "create:issue:any",
    "Only council officers can write outcomes.",
  );

export async function loader({ params, context, request }: LoaderFunctionArgs) {
  const viewer = requireOfficer(context, request);
  const issue = await getIssue(context.services.db, params.slug ?? "", viewer).catch(
    throwDomainResponse,
  );
  return {
    issue: { slug: issue.slug, title: issue.title, team: viewer.team ?? "" },
    citable: await listCitablePosts(context.services.db, issue.id),
    ideas: await listIdeas(context.services.db, issue.id),
  };
}

export async function action({ params, context, request }: ActionFunctionArgs) {
  const viewer = requireOfficer(context, request);
  const formData = await request.formData();
  const form = parseForm(outcomeSchema, formData);
  const cited = citedPostIds(formData);
  if (!form.ok) return withExtra(formFailure(400, form), { cited });
  try {
    const id = await draftOutcome(
      context.services.db,
      viewer,
      params.slug ?? "",
      { ...form.data, threadId: ideaId(formData) },
      cited,
      new Date(),
    );
    return redirect(`/outcomes/${id}?saved`, 303);
  } catch (error) {
    return withExtra(domainFailure(error, form.values), { cited });
  }
}

export default function NewOutcomePage() {
  const { issue, citable, ideas } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  return (
    <>
      <Breadcrumbs trail={[{ to: `/issues/${issue.slug}`, label: issue.title }]} />
      <h1>Write an outcome</h1>
      <p className="lede">
        Saving keeps a draft only officers can see. You preview it next, then publish: everyone who
        follows or took part in “{issue.title}” is told, and each cited author hears their
        contribution was cited.
      </p>
      <ErrorSummary
        formError={failure?.formError}
        fieldErrors={failure?.fieldErrors}
        labels={OUTCOME_FIELD_LABELS}
      />
      <Form method="post" noValidate>
        {ideas.length ? (
          <SelectField
            name="threadId"
            label="About one idea (optional)"
            hint="Leave empty for an outcome on the whole issue."
            placeholder="The whole issue"
            options={ideas.map((idea) => ({ value: String(idea.id), label: idea.title }))}
            defaultValue={failure?.values.threadId}
            error={failure?.fieldErrors.threadId}
          />
        ) : null}
        <OutcomeFormFields
          values={failure?.values ?? { team: issue.team }}
          errors={failure?.fieldErrors ?? {}}
          citable={citable}
          cited={failure?.cited ?? []}
        />
        <button type="submit" className="button" disabled={busy}>
          Save draft and preview
        </button>
      </Form>
    </>
  );
}
