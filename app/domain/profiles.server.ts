/** Public profiles: who someone is on Parley and what they have said in public. */
import { enqueueSearchSync } from "../jobs/search-sync.server";
import type { Kysely } from "kysely";
import type { Database, Role } from "../../db/schema";
import type { Viewer } from "../auth.server";
import { NotFoundError } from "./errors";
import { runTransaction } from "../../db/transaction";
import { publicPost } from "./policy";

export interface Profile {
  id: number;
  displayName: string;
  role: Role;
  team: string | null;
  bio: string;
  joinedAt: Date;
}

export async function getProfile(db: Kysely<Database>, userId: number): Promise<Profile> {
  const row = await db
    .selectFrom("users")
    .select(["id", "display_name", "role", "team", "bio", "created_at"])
    .where("id", "=", userId)
    .where("deleted_at", "is", null)
    .executeTakeFirst();
  if (!row) throw new NotFoundError("We couldn't find that person.");
  return {
    id: row.id,
    displayName: row.display_name,
    role: row.role,
    team: row.team,
    bio: row.bio,
    joinedAt: row.created_at,
  };
}

export interface ProfilePost {
  id: number;
  threadId: number;
  threadTitle: string;
  issueTitle: string;
  bodyHtml: string;
  createdAt: Date;
}

export const PROFILE_POSTS_PER_PAGE = 20;

/** Someone's public posts, newest first (keyset on id): nothing held, hidden, deleted or in a draft issue. */
export async function listProfilePosts(
  db: Kysely<Database>,
  userId: number,
  beforeId: number | null,
): Promise<{ posts: ProfilePost[]; nextBeforeId: number | null }> {
  let query = db
    .selectFrom("posts")
    .innerJoin("threads", "threads.id", "posts.thread_id")
    .innerJoin("issues", "issues.id", "threads.issue_id")
    .select([
      "posts.id",
      "posts.thread_id as threadId",
      "threads.title as threadTitle",
      "issues.title as issueTitle",
      "posts.body_html as bodyHtml",
      "posts.created_at as createdAt",
    ])
    .where("posts.author_id", "=", userId)
    .where(publicPost.where);
  if (beforeId !== null) query = query.where("posts.id", "<", beforeId);
  const rows = await query
    .orderBy("posts.id", "desc")
    .limit(PROFILE_POSTS_PER_PAGE + 1)
    .execute();
  const posts = rows.slice(0, PROFILE_POSTS_PER_PAGE);
  return {
    posts,
    nextBeforeId: rows.length > PROFILE_POSTS_PER_PAGE ? (posts.at(-1)?.id ?? null) : null,
  };
}

/** Changes the viewer's own name and bio; nothing else about the account can change here. */
export async function updateOwnProfile(
  db: Kysely<Database>,
  actor: Viewer,
  input: { displayName: string; bio: string },
): Promise<void> {
  await runTransaction(db, async (trx) => {
    await trx
      .updateTable("users")
      .set({ display_name: input.displayName, bio: input.bio })
      .where("id", "=", actor.id)
      .execute();
    // Their name is on every document they wrote.
    await enqueueSearchSync(trx, { kind: "author", id: actor.id });
  });
}
