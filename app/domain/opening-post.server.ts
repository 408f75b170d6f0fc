/** A thread's opening post is its first post by id; the thread is as visible as that post. */
import { sql } from "kysely";

/** The id of the opening post of the thread in `threadIdColumn`, as a select expression. */
export function openingPostIdOf(threadIdColumn: "threads.id" | "posts.thread_id") {
  return sql<
    number | null
  >`(select min(first.id) from posts as first where first.thread_id = ${sql.ref(threadIdColumn)})`;
}
