import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { OUTCOME_STATUS_LABEL } from "~/domain/outcome-labels";
import { z } from "zod";
import { formFailure } from "~/action-result.server";
import { formatDate, plural } from "~/components/format";
import { Announcements } from "~/components/announcements";
import { getHomePage } from "~/domain/pages/home-page.server";
import { listAreas } from "~/domain/taxonomy.server";
import { readAreaCookie, rememberHomeArea } from "~/home-area.server";
import { parseForm } from "~/schemas/parse-form";
import { parseDbId } from "~/schemas/query";

export async function loader({ context, request }: LoaderFunctionArgs) {
  const { db, config } = context.services;
  const cookieAreaId = context.viewer ? null : await readAreaCookie(request, config.production);
  return getHomePage(db, context.viewer, { cookieAreaId }, new Date());
}

const chooseAreaSchema = z.object({
  area: z
    .string()
    .refine((v) => v === "all" || parseDbId(v) !== null, "Choose an area from the list"),
});

export async function action({ context, request }: ActionFunctionArgs) {
  const form = parseForm(chooseAreaSchema, await request.formData());
  if (!form.ok) return formFailure(400, form);
  const { db, config } = context.services;
  const areaId = form.data.area === "all" ? null : Number(form.data.area);
  if (areaId !== null && !(await listAreas(db)).some((a) => a.id === areaId)) {
    return formFailure(400, {
      fieldErrors: { area: "Choose an area from the list" },
      values: form.values,
    });
  }
  const cookie = await rememberHomeArea(db, context.viewer, areaId, config.production);
  return redirect("/", { status: 303, headers: cookie ? { "Set-Cookie": cookie } : undefined });
}

export default function Home() {
  const { areas, area, announcements, open, closingSoon, answered, outcomes } =
    useLoaderData<typeof loader>();
  return (
    <>
      <h1>{area ? `What’s happening in ${area.name}` : "What’s happening in Northbridge"}</h1>
      <p className="lede">
        Have your say on specific local issues. Council officers read every contribution and publish
        what they did about them.
      </p>
      <Announcements items={announcements} />
      <Form method="post" className="area-picker">
        <label htmlFor="area" className="field__label">
          Show what’s happening near you
        </label>
        <select
          id="area"
          name="area"
          className="field__input"
          defaultValue={area ? String(area.id) : "all"}
        >
          <option value="all">All of Northbridge</option>
          {areas.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </select>{" "}
        <button type="submit" className="button button--secondary">
          Show
        </button>
      </Form>

      <section aria-labelledby="open-heading">
        <h2 id="open-heading">Open for comments</h2>
        {open.length === 0 ? (
          <p>
            There are no consultations open for comment {area ? `in ${area.name} ` : ""}right now.
            {area ? (
              <>
                {" "}
                <Link to={`/areas/${area.slug}`}>See past issues in {area.name}</Link>.
              </>
            ) : null}
          </p>
        ) : (
          open.map((group) => (
            <section key={group.id} aria-labelledby={`area-${group.slug}`}>
              <h3 id={`area-${group.slug}`}>
                <Link to={`/areas/${group.slug}`}>{group.name}</Link>
              </h3>
              <ul className="card-list">
                {group.issues.map((issue) => (
                  <li key={issue.id}>
                    <Link to={`/issues/${issue.slug}`} className="card-list__title">
                      {issue.title}
                    </Link>
                    <p className="meta">
                      Open for comments until {formatDate(issue.closesAt)} ·{" "}
                      {plural(issue.threadCount, "thread")}
                    </p>
                  </li>
                ))}
              </ul>
              {group.more ? (
                <p>
                  <Link to={`/areas/${group.slug}?view=open`}>
                    See all open issues in {group.name}
                  </Link>
                </p>
              ) : null}
            </section>
          ))
        )}
      </section>

      {closingSoon.length > 0 ? (
        <section aria-labelledby="closing-heading">
          <h2 id="closing-heading">Closing soon</h2>
          <ul className="card-list">
            {closingSoon.map((issue) => (
              <li key={issue.slug}>
                <Link to={`/issues/${issue.slug}`} className="card-list__title">
                  {issue.title}
                </Link>
                <p className="meta">
                  {issue.areaName} · closes {formatDate(issue.closesAt)}
                </p>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="outcomes-heading">
        <h2 id="outcomes-heading">You said, we did</h2>
        {outcomes.length === 0 ? (
          <p>No outcomes have been published here yet.</p>
        ) : (
          <ul className="card-list">
            {outcomes.map((outcome) => (
              <li key={outcome.id}>
                <Link to={`/outcomes/${outcome.id}`} className="card-list__title">
                  {outcome.title}
                </Link>
                <p className="meta">
                  {OUTCOME_STATUS_LABEL[outcome.status]} ({outcome.progress}%) ·{" "}
                  {outcome.issueTitle}
                </p>
              </li>
            ))}
          </ul>
        )}
        <p>
          <Link to="/outcomes">All outcomes</Link>
        </p>
      </section>

      {answered.length > 0 ? (
        <section aria-labelledby="answered-heading">
          <h2 id="answered-heading">Recently answered questions</h2>
          <ul className="card-list">
            {answered.map((question) => (
              <li key={question.threadId}>
                <Link to={`/threads/${question.threadId}#answer`} className="card-list__title">
                  {question.title}
                </Link>
                <p className="meta">
                  {question.issueTitle} · answered {formatDate(question.answeredAt)}
                  {question.team ? ` by ${question.team}` : ""}
                </p>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
