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
import { prepareOutcomeThemes } from "~/domain/analysis/outcome-themes.server";
import { answeredThemeIds, citedPostIds, ideaId, outcomeSchema } from "~/schemas/outcomes";
import { parseDbId } from "~/schemas/query";
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
  const requested = new URL(request.url).searchParams
    .getAll("themes")
    .map(parseDbId)
    .filter((id): id is number => id !== null);
  const { themes, start } = await prepareOutcomeThemes(
    context.services,
    viewer,
    issue.id,
    requested,
  );
  return {
    issue: { slug: issue.slug, title: issue.title, team: viewer.team ?? "" },
    citable: await listCitablePosts(context.services.db, issue.id, start?.citations ?? []),
    ideas: await listIdeas(context.services.db, issue.id),
    themes,
    start,
  };
}

export async function action({ params, context, request }: ActionFunctionArgs) {
  const viewer = requireOfficer(context, request);
  const formData = await request.formData();
  const form = parseForm(outcomeSchema, formData);
  const cited = citedPostIds(formData);
  const answers = answeredThemeIds(formData) ?? [];
  if (!form.ok) return withExtra(formFailure(400, form), { cited, answers });
  try {
    const id = await draftOutcome(
      context.services.db,
      viewer,
      params.slug ?? "",
      { ...form.data, threadId: ideaId(formData) },
      cited,
      new Date(),
      answeredThemeIds(formData) ?? [],
    );
    return redirect(`/outcomes/${id}?saved`, 303);
  } catch (error) {
    return withExtra(domainFailure(error, form.values), { cited, answers });
  }
}

export default function NewOutcomePage() {
  const { issue, citable, ideas, themes, start } = useLoaderData<typeof loader>();
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
      {themes.length ? (
        <Form method="get" className="start-from-themes" aria-labelledby="start-from-themes">
          <h2 id="start-from-themes">Start “you said” from the analysis</h2>
          <fieldset className="field">
            <legend className="field__label">Themes to start from</legend>
            <ul className="checkbox-list">
              {themes.map((theme) => (
                <li key={theme.id}>
                  <input
                    type="checkbox"
                    id={`start-theme-${theme.id}`}
                    name="themes"
                    value={theme.id}
                    defaultChecked={start?.themeIds.includes(theme.id)}
                  />
                  <label htmlFor={`start-theme-${theme.id}`}>
                    {theme.name} ({theme.contributions} contributions)
                  </label>
                </li>
              ))}
            </ul>
          </fieldset>
          <button type="submit" className="button button--secondary">
            Start from these themes
          </button>
        </Form>
      ) : null}
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
          values={failure?.values ?? { team: issue.team, youSaid: start?.youSaid }}
          errors={failure?.fieldErrors ?? {}}
          citable={citable}
          cited={failure?.cited ?? start?.citations ?? []}
          themes={{ options: themes, chosen: failure?.answers ?? start?.themeIds ?? [] }}
        />
        <button type="submit" className="button" disabled={busy}>
          Save draft and preview
        </button>
      </Form>
    </>
  );
}
