import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ErrorSummary, RadioGroup } from "~/components/form-fields";
import { IssueFormFields, ISSUE_FIELD_LABELS } from "~/components/issue-form-fields";
import { domainFailure, formFailure } from "~/action-result.server";
import { requirePermission } from "~/auth.server";
import { createIssue } from "~/domain/issues.server";
import { listAreas, listCategories } from "~/domain/taxonomy.server";
import { newIssueSchema } from "~/schemas/issues";
import { parseForm } from "~/schemas/parse-form";

export const meta: MetaFunction = () => [{ title: "Create an issue — Parley" }];

const requireOfficer = (context: LoaderFunctionArgs["context"], request: Request) =>
  requirePermission(
    context,
    request,
    "create:issue:any",
    "Only council officers can create issues.",
  );

export async function loader({ context, request }: LoaderFunctionArgs) {
  const viewer = requireOfficer(context, request);
  const db = context.services.db;
  const [areas, categories] = await Promise.all([listAreas(db), listCategories(db)]);
  return { areas, categories, defaultTeam: viewer.team ?? "" };
}

export async function action({ context, request }: ActionFunctionArgs) {
  const viewer = requireOfficer(context, request);
  const form = parseForm(newIssueSchema, await request.formData());
  if (!form.ok) return formFailure(400, form);
  try {
    const slug = await createIssue(context.services.db, viewer, form.data, new Date());
    return redirect(`/issues/${slug}`, 303);
  } catch (error) {
    return domainFailure(error, form.values);
  }
}

export default function NewIssuePage() {
  const { areas, categories, defaultTeam } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const values = failure?.values;
  const errors = failure?.fieldErrors;
  const busy = useNavigation().state === "submitting";
  return (
    <>
      <h1>Create an issue</h1>
      <p className="lede">Describe one specific local matter residents can talk about.</p>
      <Form method="post" noValidate>
        <ErrorSummary
          formError={failure?.formError}
          fieldErrors={errors}
          labels={ISSUE_FIELD_LABELS}
        />
        <IssueFormFields
          areas={areas}
          categories={categories}
          values={{ ...values, team: values?.team ?? defaultTeam }}
          errors={errors}
          withOpeningDate={false}
        />
        <RadioGroup
          name="publish"
          legend={ISSUE_FIELD_LABELS.publish}
          error={errors?.publish}
          defaultValue={values?.publish ?? "now"}
          options={[
            { value: "now", label: "Open for comments now" },
            { value: "draft", label: "Save as a draft", hint: "Only staff can see drafts." },
          ]}
        />
        <button type="submit" className="button" disabled={busy}>
          Create issue
        </button>
      </Form>
    </>
  );
}
