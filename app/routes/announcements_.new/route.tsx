import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { domainFailure, formFailure } from "~/action-result.server";
import { requirePermission } from "~/auth.server";
import {
  ErrorSummary,
  RadioGroup,
  SelectField,
  TextArea,
  TextField,
} from "~/components/form-fields";
import { createAnnouncement } from "~/domain/announcements.server";
import { listIssueChoices } from "~/domain/issues.server";
import { listAreas } from "~/domain/taxonomy.server";
import { newAnnouncementSchema } from "~/schemas/announcements";
import { parseForm } from "~/schemas/parse-form";

export const meta: MetaFunction = () => [{ title: "Post an announcement — Parley" }];

const requireStaff = (context: LoaderFunctionArgs["context"], request: Request) =>
  requirePermission(
    context,
    request,
    "create:announcement:any",
    "Only council staff can post announcements.",
  );

export async function loader({ context, request }: LoaderFunctionArgs) {
  requireStaff(context, request);
  const db = context.services.db;
  const [areas, issues] = await Promise.all([listAreas(db), listIssueChoices(db)]);
  return { areas, issues };
}

export async function action({ context, request }: ActionFunctionArgs) {
  const viewer = requireStaff(context, request);
  const form = parseForm(newAnnouncementSchema, await request.formData());
  if (!form.ok) return formFailure(400, form);
  try {
    await createAnnouncement(context.services.db, viewer, form.data);
    return redirect("/announcements", 303);
  } catch (error) {
    return domainFailure(error, form.values);
  }
}

const LABELS = {
  scope: "Where should it show?",
  areaId: "Area",
  issueId: "Issue",
  severity: "How serious is it?",
  title: "Title",
  body: "Announcement",
};

export default function NewAnnouncementPage() {
  const { areas, issues } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const values = failure?.values;
  const errors = failure?.fieldErrors;
  const busy = useNavigation().state === "submitting";
  return (
    <>
      <h1>Post an announcement</h1>
      <p className="lede">
        For service disruptions, crisis updates and news residents need to see.
      </p>
      <Form method="post" noValidate>
        <ErrorSummary formError={failure?.formError} fieldErrors={errors} labels={LABELS} />
        <RadioGroup
          name="scope"
          legend={LABELS.scope}
          error={errors?.scope}
          defaultValue={values?.scope ?? "site"}
          options={[
            {
              value: "site",
              label: "Everywhere",
              hint: "Urgent ones show as a banner on every page.",
            },
            { value: "area", label: "In one area" },
            { value: "issue", label: "On one issue" },
          ]}
        />
        <SelectField
          name="areaId"
          label={LABELS.areaId}
          hint="Only if it shows in one area."
          placeholder="Choose an area"
          error={errors?.areaId}
          defaultValue={values?.areaId}
          options={areas.map((area) => ({ value: String(area.id), label: area.name }))}
        />
        <SelectField
          name="issueId"
          label={LABELS.issueId}
          hint="Only if it shows on one issue."
          placeholder="Choose an issue"
          error={errors?.issueId}
          defaultValue={values?.issueId}
          options={issues.map((issue) => ({ value: String(issue.id), label: issue.title }))}
        />
        <RadioGroup
          name="severity"
          legend={LABELS.severity}
          error={errors?.severity}
          defaultValue={values?.severity ?? "information"}
          options={[
            { value: "information", label: "Information" },
            { value: "warning", label: "Warning" },
            { value: "urgent", label: "Urgent" },
          ]}
        />
        <TextField
          name="title"
          label={LABELS.title}
          error={errors?.title}
          defaultValue={values?.title}
        />
        <TextArea
          name="body"
          label={LABELS.body}
          error={errors?.body}
          defaultValue={values?.body}
          rows={5}
        />
        <button type="submit" className="button" disabled={busy}>
          Post announcement
        </button>
      </Form>
    </>
  );
}
