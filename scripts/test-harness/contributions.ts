/**
 * Test shorthands for the posting functions when a test only needs the new id.
 * Authors from `makeUser` are established (trust level 1), so these are published
 * unless a test sets the account up to be held.
 */
import { replyToThread } from "../../app/domain/posts.server";
import { startThread } from "../../app/domain/threads.server";

/** Starts a thread and returns its id. */
export async function postThread(...args: Parameters<typeof startThread>): Promise<number> {
  return (await startThread(...args)).threadId;
}

/** Replies in a thread and returns the new post's id. */
export async function postReply(...args: Parameters<typeof replyToThread>): Promise<number> {
  return (await replyToThread(...args)).postId;
}
