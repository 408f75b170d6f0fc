import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { domainFailure, formFailure } from "~/action-result.server";
import { requirePermission } from "~/auth.server";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { ErrorSummary, TextArea, TextField } from "~/components/form-fields";
import {
  addHouseRule,
  listHouseRules,
  retireHouseRule,
  updateHouseRule,
} from "~/domain/house-rules.server";
import { idField } from "~/schemas/fields";
import { houseRuleSchema } from "~/schemas/moderation";
import { parseForm } from "~/schemas/parse-form";

export const meta: MetaFunction = () => [{ title: "Edit the house rules — Parley" }];

const requireAdmin = (context: LoaderFunctionArgs["context"], request: Request) =>
  requirePermission(
    context,
    request,
    "manage:moderation:any",
    "Only administrators can edit the house rules.",
  );

export async function loader({ context, request }: LoaderFunctionArgs) {
  requireAdmin(context, request);
  return { rules: await listHouseRules(context.services.db) };
}

const ruleId = idField("Choose a rule");
const houseRuleActionSchema = z.discriminatedUnion(
  "intent",
  [
    houseRuleSchema.extend({ intent: z.literal("add") }),
    houseRuleSchema.extend({ intent: z.literal("edit"), id: ruleId }),
    z.object({ intent: z.literal("retire"), id: ruleId }),
  ],
  { error: "That action isn't available here." },
);

export async function action({ context, request }: ActionFunctionArgs) {
  const viewer = requireAdmin(context, request);
  const form = parseForm(houseRuleActionSchema, await request.formData());
  if (!form.ok) return formFailure(400, form);
  const db = context.services.db;
  const now = new Date();
  try {
    const input = form.data;
    if (input.intent === "add") await addHouseRule(db, viewer, input, now);
    else if (input.intent === "edit") await updateHouseRule(db, viewer, input.id, input, now);
    else await retireHouseRule(db, viewer, input.id, now);
    return redirect("/admin/house-rules?saved", 303);
  } catch (error) {
    return domainFailure(error, form.values);
  }
}

export default function EditHouseRulesPage() {
  const { rules } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  // A refused form shows again with what was typed, in the form it came from.
  const failedId = failure?.values.id;
  const failedIntent = failure?.values.intent;
  return (
    <>
      <Breadcrumbs trail={[{ to: "/house-rules", label: "House rules" }]} />
      <h1>Edit the house rules</h1>
      <p className="lede">
        Every change is recorded in the <Link to="/moderation/audit">audit log</Link>. Retiring a
        rule takes it off the public page; decisions that cited it still name it.
      </p>
      <ErrorSummary formError={failure?.formError} />
      {rules.map((rule) => {
        const failedHere = failedIntent === "edit" && failedId === String(rule.id);
        return (
          <section key={rule.id} aria-labelledby={`rule-${rule.id}-heading`} className="card">
            <h2 id={`rule-${rule.id}-heading`}>
              Rule {rule.number}: {rule.title}
            </h2>
            <Form method="post">
              <input type="hidden" name="intent" value="edit" />
              <input type="hidden" name="id" value={rule.id} />
              <TextField
                name="title"
                id={`title-${rule.id}`}
                label="Title"
                defaultValue={failedHere ? failure?.values.title : rule.title}
                error={failedHere ? failure?.fieldErrors.title : undefined}
              />
              <TextArea
                name="body"
                id={`body-${rule.id}`}
                label="What it means"
                rows={4}
                defaultValue={failedHere ? failure?.values.body : rule.bodyMd}
                error={failedHere ? failure?.fieldErrors.body : undefined}
              />
              <button type="submit" className="button" disabled={busy}>
                Save rule {rule.number}
              </button>
            </Form>
            <Form method="post" className="inline-form">
              <input type="hidden" name="intent" value="retire" />
              <input type="hidden" name="id" value={rule.id} />
              <button type="submit" className="button button--secondary" disabled={busy}>
                Retire rule {rule.number}
              </button>
            </Form>
          </section>
        );
      })}
      <section aria-labelledby="add-heading">
        <h2 id="add-heading">Add a rule</h2>
        <Form method="post">
          <input type="hidden" name="intent" value="add" />
          <TextField
            name="title"
            id="title-new"
            label="Title"
            defaultValue={failedIntent === "add" ? failure?.values.title : undefined}
            error={failedIntent === "add" ? failure?.fieldErrors.title : undefined}
          />
          <TextArea
            name="body"
            id="body-new"
            label="What it means"
            rows={4}
            defaultValue={failedIntent === "add" ? failure?.values.body : undefined}
            error={failedIntent === "add" ? failure?.fieldErrors.body : undefined}
          />
          <button type="submit" className="button" disabled={busy}>
            Add rule
          </button>
        </Form>
      </section>
    </>
  );
}
