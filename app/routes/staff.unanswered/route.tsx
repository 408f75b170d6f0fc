import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth.server";
import { formatDate, plural } from "~/components/format";
import { listUnansweredQuestions } from "~/domain/answers.server";

export const meta: MetaFunction = () => [{ title: "Unanswered questions — Parley" }];

export async function loader({ context, request }: LoaderFunctionArgs) {
  requirePermission(
    context,
    request,
    "create:issue:any",
    "Only council officers can see this list.",
  );
  const after = new URL(request.url).searchParams.get("after");
  const days = context.services.config.unansweredAfterDays;
  const page = await listUnansweredQuestions(context.services.db, {
    olderThanDays: days,
    now: new Date(),
    after,
  });
  return { ...page, days };
}

export default function UnansweredPage() {
  const { questions, next, days } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Unanswered questions</h1>
      <p className="lede">
        Questions to staff with no official answer after {plural(days, "day")}, oldest first.
      </p>
      {questions.length === 0 ? <p>Every question has an answer. Well done.</p> : null}
      <ul className="card-list" aria-label="Unanswered questions">
        {questions.map((question) => (
          <li key={question.threadId}>
            <Link to={`/threads/${question.threadId}`} className="card-list__title">
              {question.title}
            </Link>
            <p className="meta">
              {question.issueTitle}
              {question.team ? ` · ${question.team}` : ""} · asked {formatDate(question.askedAt)} ·{" "}
              {plural(question.replyCount, "reply", "replies")}
            </p>
          </li>
        ))}
      </ul>
      {next ? (
        <p className="pagination">
          <Link to={`?after=${encodeURIComponent(next)}`}>More questions</Link>
        </p>
      ) : null}
    </>
  );
}
