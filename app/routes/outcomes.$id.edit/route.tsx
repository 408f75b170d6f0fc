import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { domainFailure, formFailure, withExtra } from "~/action-result.server";
import { requirePermission } from "~/auth.server";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { ErrorSummary } from "~/components/form-fields";
import {
  nextStepsText,
  OUTCOME_FIELD_LABELS,
  OutcomeFormFields,
} from "~/components/outcome-form-fields";
import { getOutcome, listCitablePosts, updateOutcome } from "~/domain/outcomes.server";
import { parseIdParam, throwDomainResponse } from "~/http.server";
import { prepareOutcomeThemes } from "~/domain/analysis/outcome-themes.server";
import { answeredThemeIds, citedPostIds, outcomeSchema } from "~/schemas/outcomes";
import { parseForm } from "~/schemas/parse-form";

export const meta: MetaFunction = () => [{ title: "Edit an outcome — Parley" }];

const requireOfficer = (context: LoaderFunctionArgs["context"], request: Request) =>
  requirePermission(
    context,
    request,
    "create:issue:any",
    "Only council officers can edit outcomes.",
  );

export async function loader({ params, context, request }: LoaderFunctionArgs) {
  const viewer = requireOfficer(context, request);
  const outcome = await getOutcome(context.services.db, viewer, parseIdParam(params.id)).catch(
    throwDomainResponse,
  );
  return {
    outcome: {
      id: outcome.id,
      title: outcome.title,
      published: outcome.publishedAt !== null,
      issue: outcome.issue,
      values: {
        title: outcome.title,
        status: outcome.status,
        statusReason: outcome.statusReason ?? "",
        progress: String(outcome.progress),
        youSaid: outcome.youSaidMd,
        weDid: outcome.weDidMd,
        nextSteps: nextStepsText(outcome.nextSteps),
        team: outcome.team,
        version: String(outcome.version),
      },
      cited: outcome.citations.map((c) => c.postId),
      answers: outcome.themes.map((t) => t.themeId),
    },
    citable: await listCitablePosts(
      context.services.db,
      outcome.issue.id,
      outcome.citations.map((c) => c.postId),
    ),
    themes: (await prepareOutcomeThemes(context.services, viewer, outcome.issue.id, [])).themes,
  };
}

export async function action({ params, context, request }: ActionFunctionArgs) {
  const viewer = requireOfficer(context, request);
  const id = parseIdParam(params.id);
  const formData = await request.formData();
  const form = parseForm(outcomeSchema, formData);
  const cited = citedPostIds(formData);
  const answers = answeredThemeIds(formData);
  if (!form.ok) return withExtra(formFailure(400, form), { cited, answers });
  try {
    await updateOutcome(context.services.db, viewer, id, form.data, cited, new Date(), answers);
    return redirect(`/outcomes/${id}?saved`, 303);
  } catch (error) {
    return withExtra(domainFailure(error, form.values), { cited, answers });
  }
}

export default function EditOutcomePage() {
  const { outcome, citable, themes } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  return (
    <>
      <Breadcrumbs
        trail={[
          { to: `/issues/${outcome.issue.slug}`, label: outcome.issue.title },
          { to: `/outcomes/${outcome.id}`, label: outcome.title },
        ]}
      />
      <h1>{outcome.published ? "Update the outcome" : "Edit the draft outcome"}</h1>
      {outcome.published ? (
        <p className="lede">
          Every change is added to the public changelog under your team’s name. A new status or
          progress is sent to everyone who follows or took part in the issue.
        </p>
      ) : null}
      <ErrorSummary
        formError={failure?.formError}
        fieldErrors={failure?.fieldErrors}
        labels={OUTCOME_FIELD_LABELS}
      />
      <Form method="post" noValidate>
        <input type="hidden" name="version" value={outcome.values.version} />
        <OutcomeFormFields
          values={failure?.values ?? outcome.values}
          errors={failure?.fieldErrors ?? {}}
          citable={citable}
          cited={failure?.cited ?? outcome.cited}
          themes={{ options: themes, chosen: failure?.answers ?? outcome.answers }}
        />
        <button type="submit" className="button" disabled={busy}>
          {outcome.published ? "Save the update" : "Save draft and preview"}
        </button>
      </Form>
    </>
  );
}
