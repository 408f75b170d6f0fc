import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { domainFailure, formFailure } from "~/action-result.server";
import { requirePermission } from "~/auth.server";
import { ErrorSummary } from "~/components/form-fields";
import { createGroup, listAreas, listCategories, renameGroup } from "~/domain/taxonomy.server";
import { idField } from "~/schemas/fields";
import { parseForm } from "~/schemas/parse-form";

export const meta: MetaFunction = () => [{ title: "Areas and categories — Parley" }];

const requireAdmin = (context: LoaderFunctionArgs["context"], request: Request) =>
  requirePermission(
    context,
    request,
    "manage:taxonomy:any",
    "Only administrators can manage areas and categories.",
  );

export async function loader({ context, request }: LoaderFunctionArgs) {
  requireAdmin(context, request);
  const db = context.services.db;
  const [areas, categories] = await Promise.all([listAreas(db), listCategories(db)]);
  return { areas, categories };
}

const nameField = z
  .string({ error: "Enter a name" })
  .trim()
  .min(2, "Names are at least 2 characters")
  .max(60, "Names are at most 60 characters");
const kindField = z.enum(["areas", "categories"], { error: "Choose areas or categories" });

const groupActionSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("create"), kind: kindField, name: nameField }),
    z.object({
      intent: z.literal("rename"),
      kind: kindField,
      id: idField("Choose one to rename"),
      name: nameField,
    }),
  ],
  { error: "That action isn't available here." },
);

export async function action({ context, request }: ActionFunctionArgs) {
  const viewer = requireAdmin(context, request);
  const form = parseForm(groupActionSchema, await request.formData());
  if (!form.ok) return formFailure(400, form);
  const db = context.services.db;
  try {
    if (form.data.intent === "create")
      await createGroup(db, viewer, form.data.kind, { name: form.data.name });
    else await renameGroup(db, viewer, form.data.kind, form.data.id, { name: form.data.name });
    return redirect("/admin/areas-and-categories", 303);
  } catch (error) {
    return domainFailure(error, form.values);
  }
}

function GroupSection({
  kind,
  title,
  items,
}: {
  kind: "areas" | "categories";
  title: string;
  items: { id: number; slug: string; name: string }[];
}) {
  const busy = useNavigation().state === "submitting";
  const singular = kind === "areas" ? "area" : "category";
  return (
    <section aria-labelledby={`${kind}-heading`}>
      <h2 id={`${kind}-heading`}>{title}</h2>
      <ul className="card-list">
        {items.map((item) => (
          <li key={item.id}>
            <Form method="post" className="inline-rename">
              <input type="hidden" name="intent" value="rename" />
              <input type="hidden" name="kind" value={kind} />
              <input type="hidden" name="id" value={item.id} />
              <label htmlFor={`${kind}-${item.id}`} className="visually-hidden">
                Name of {singular} {item.name}
              </label>
              <input
                id={`${kind}-${item.id}`}
                name="name"
                className="field__input"
                defaultValue={item.name}
              />
              <button type="submit" className="button button--secondary" disabled={busy}>
                Rename<span className="visually-hidden"> {item.name}</span>
              </button>
              <Link to={`/${kind}/${item.slug}`}>View</Link>
            </Form>
          </li>
        ))}
      </ul>
      <Form method="post" className="inline-rename">
        <input type="hidden" name="intent" value="create" />
        <input type="hidden" name="kind" value={kind} />
        <label htmlFor={`new-${kind}`} className="field__label">
          New {singular}
        </label>
        <input id={`new-${kind}`} name="name" className="field__input" />
        <button type="submit" className="button" disabled={busy}>
          Add {singular}
        </button>
      </Form>
    </section>
  );
}

export default function AreasAndCategoriesPage() {
  const { areas, categories } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  return (
    <>
      <h1>Areas and categories</h1>
      <p className="lede">
        Renaming keeps each page’s address, so links residents shared keep working.
      </p>
      <ErrorSummary formError={failure?.formError} fieldErrors={failure?.fieldErrors} />
      <GroupSection kind="areas" title="Areas" items={areas} />
      <GroupSection kind="categories" title="Categories" items={categories} />
    </>
  );
}
