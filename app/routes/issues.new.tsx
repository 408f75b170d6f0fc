import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import {
  ErrorSummary,
  RadioGroup,
  SelectField,
  TextArea,
  TextField,
} from "~/components/form-fields";
import { domainFailure, formFailure } from "~/action-result.server";
import { requireViewer } from "~/auth.server";
import { createIssue } from "~/domain/issues.server";
import { listAreas, listCategories } from "~/domain/taxonomy.server";
import { can } from "~/permissions";
import { newIssueSchema } from "~/schemas/issues";
import { parseForm } from "~/schemas/parse-form";

export const meta: MetaFunction = () => [{ title: "Create an issue — Parley" }];

function requireOfficer(context: LoaderFunctionArgs["context"], request: Request) {
  const viewer = requireViewer(context, request);
  if (!can(viewer, "create:issue:any")) {
    throw new Response("Only council officers can create issues.", { status: 403 });
  }
  return viewer;
}

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

const LABELS = {
  title: "Title",
  summary: "Summary",
  areaId: "Area",
  categoryId: "Category",
  closesOn: "Closing date",
  team: "Responsible team",
  publish: "When should residents see it?",
};

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
        <ErrorSummary formError={failure?.formError} fieldErrors={errors} labels={LABELS} />
        <TextField
          name="title"
          label={LABELS.title}
          hint="Name the place and the question, like “Resurfacing Mill Lane”."
          error={errors?.title}
          defaultValue={values?.title}
        />
        <TextArea
          name="summary"
          label={LABELS.summary}
          hint="What is proposed, why, and what residents can influence. Markdown works."
          error={errors?.summary}
          defaultValue={values?.summary}
        />
        <SelectField
          name="areaId"
          label={LABELS.areaId}
          placeholder="Choose an area"
          error={errors?.areaId}
          defaultValue={values?.areaId}
          options={areas.map((area) => ({ value: String(area.id), label: area.name }))}
        />
        <SelectField
          name="categoryId"
          label={LABELS.categoryId}
          placeholder="Choose a category"
          error={errors?.categoryId}
          defaultValue={values?.categoryId}
          options={categories.map((category) => ({
            value: String(category.id),
            label: category.name,
          }))}
        />
        <TextField
          name="closesOn"
          type="date"
          label={LABELS.closesOn}
          hint="Comments are taken until the end of this day, UK time. For example, 2027-03-31."
          error={errors?.closesOn}
          defaultValue={values?.closesOn}
        />
        <TextField
          name="team"
          label={LABELS.team}
          hint="Shown to residents, like “Highways”."
          error={errors?.team}
          defaultValue={values?.team ?? defaultTeam}
        />
        <RadioGroup
          name="publish"
          legend={LABELS.publish}
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
