/**
 * The next copy of a visibility rule fails CI. Outside the policy module (and the
 * migrations, which are history), no code compares a post's, thread's or issue's status
 * with a status literal: it asks `~/domain/policy` instead. Writing a status (an insert,
 * an update) is not a rule and is allowed.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ISSUE_STATUSES, POST_STATUSES } from "../../../db/schema";

const ROOT = path.resolve(__dirname, "../../..");
const SCANNED = ["app", "moderation"];
const EXEMPT = [path.join("app", "domain", "policy") + path.sep];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name) ? [full] : [];
  });
}

const STATUS = [...new Set([...POST_STATUSES, ...ISSUE_STATUSES])].join("|");
const COMPARE = String.raw`(?:===|!==|,\s*"(?:=|!=|<>|in|not in)",\s*\[?)`;
/** Statuses no other kind of row has: any comparison with them is a visibility rule. */
const OWN_WORDS = new RegExp(String.raw`${COMPARE}\s*["'](?:published|draft)["']`);
/** A post's, thread's or issue's status (by any usual name) compared with a literal. */
const QUALIFIED = new RegExp(
  String.raw`\b(?:posts?|threads?|issues?|parent|answer|first)(?:\.|_)status["']?\s*${COMPARE}\s*["'](?:${STATUS})["']`,
);
/** The same in raw SQL. */
const IN_SQL = new RegExp(
  String.raw`\b(?:p|t|i|posts|threads|issues)\.status\s*(?:=|<>|!=|in)\s*\(?'(?:${STATUS})'`,
);
/** A status literal compared with `status` written as a literal list (`["published", …]`). */
const LIST = new RegExp(String.raw`"status",\s*"(?:in|not in)",\s*\[\s*"(?:published|draft)"`);

export function findStatusRules(text: string): string[] {
  return text
    .split("\n")
    .map((line, index) => ({ line, number: index + 1 }))
    .filter(({ line }) => [OWN_WORDS, QUALIFIED, IN_SQL, LIST].some((re) => re.test(line)))
    .map(({ line, number }) => `${number}: ${line.trim()}`);
}

describe("status literals as visibility rules", () => {
  it("recognises the shapes a copy takes", () => {
    const copies = [
      `.where("posts.status", "=", "published")`,
      `.where("status", "!=", "draft")`,
      `if (thread.status !== "published") return;`,
      `row.issue_status === "draft"`,
      `post.status === "hidden" || post.status === "rejected"`,
      `where p.status = 'published' and`,
      `.where("posts.status", "in", ["published", "deleted"])`,
    ];
    for (const copy of copies) expect(findStatusRules(copy), copy).toHaveLength(1);
    const writes = [`status: held ? "pending" : "published",`, `.set({ status: "responded" })`];
    for (const write of writes) expect(findStatusRules(write), write).toEqual([]);
  });

  it("finds none outside the policy module", () => {
    const found = SCANNED.flatMap((dir) => sourceFiles(path.join(ROOT, dir)))
      .filter((file) => !EXEMPT.some((exempt) => path.relative(ROOT, file).startsWith(exempt)))
      .flatMap((file) =>
        findStatusRules(readFileSync(file, "utf8")).map(
          (hit) => `${path.relative(ROOT, file)}:${hit}`,
        ),
      );
    expect(found, "ask ~/domain/policy instead of comparing statuses").toEqual([]);
  });
});
