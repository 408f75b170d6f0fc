import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { domainFailure, formFailure } from "~/action-result.server";
import { requirePermission } from "~/auth.server";
import { ErrorSummary, RadioGroup } from "~/components/form-fields";
import { IssueFormFields, ISSUE_FIELD_LABELS } from "~/components/issue-form-fields";
import { getIssue, updateIssue } from "~/domain/issues.server";
import { londonDate } from "~/domain/uk-calendar";
import { listAreas, listCategories } from "~/domain/taxonomy.server";
import { throwDomainResponse } from "~/http.server";
import { editIssueSchema } from "~/schemas/issues";
import { parseForm } from "~/schemas/parse-form";
import { hasResponded, issueVisibilityChoice } from "~/domain/policy";

export const meta: MetaFunction = () => [{ title: "Edit an issue — Parley" }];

const requireOfficer = (context: LoaderFunctionArgs["context"], request: Request) =>
  requirePermission(context, request, "create:issue:any", "Only council officers can edit issues.");

export async function loader({ params, context, request }: LoaderFunctionArgs) {
  const viewer = requireOfficer(context, request);
  const db = context.services.db;
  const [issue, areas, categories] = await Promise.all([
    getIssue(db, params.slug ?? "", viewer).catch(throwDomainResponse),
    listAreas(db),
    listCategories(db),
  ]);
  return {
    areas,
    categories,
    issue: {
      slug: issue.slug,
      title: issue.title,
      responded: hasResponded(issue),
      values: {
        title: issue.title,
        summary: issue.summary_md,
        areaId: String(issue.area_id),
        categoryId: String(issue.category_id),
        opensOn: londonDate(issue.opens_at),
        closesOn: londonDate(issue.closes_at),
        team: issue.team ?? "",
        visibility: issueVisibilityChoice(issue.status),
      },
    },
  };
}

export async function action({ params, context, request }: ActionFunctionArgs) {
  const viewer = requireOfficer(context, request);
  const form = parseForm(editIssueSchema, await request.formData());
  if (!form.ok) return formFailure(400, form);
  try {
    const slug = await updateIssue(
      context.services.db,
      viewer,
      params.slug ?? "",
      form.data,
      new Date(),
    );
    return redirect(`/issues/${slug}`, 303);
  } catch (error) {
    return domainFailure(error, form.values);
  }
}

export default function EditIssuePage() {
  const { areas, categories, issue } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const values = failure?.values ?? issue.values;
  const busy = useNavigation().state === "submitting";
  return (
    <>
      <Breadcrumbs trail={[{ to: `/issues/${issue.slug}`, label: issue.title }]} />
      <h1>Edit the issue</h1>
      <Form method="post" noValidate>
        <ErrorSummary
          formError={failure?.formError}
          fieldErrors={failure?.fieldErrors}
          labels={ISSUE_FIELD_LABELS}
        />
        <IssueFormFields
          areas={areas}
          categories={categories}
          values={values}
          errors={failure?.fieldErrors}
          withOpeningDate
        >
          {issue.responded ? (
            <p className="notice">The council has responded to this issue, so it stays public.</p>
          ) : (
            <RadioGroup
              name="visibility"
              legend={ISSUE_FIELD_LABELS.visibility}
              error={failure?.fieldErrors.visibility}
              defaultValue={values.visibility}
              options={[
                {
                  value: "published",
                  label: "Published",
                  hint: "Open for comments between the dates above.",
                },
                {
                  value: "closed",
                  label: "Closed early",
                  hint: "Public, but taking no more comments.",
                },
                { value: "draft", label: "Draft", hint: "Only staff can see it." },
              ]}
            />
          )}
        </IssueFormFields>
        {issue.responded ? <input type="hidden" name="visibility" value="published" /> : null}
        <button type="submit" className="button" disabled={busy}>
          Save changes
        </button>{" "}
        <Link to={`/issues/${issue.slug}`}>Cancel</Link>
      </Form>
    </>
  );
}
