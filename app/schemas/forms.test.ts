import { bodyField, markdownNesting, MAX_NESTING } from "./fields";
import { describe, expect, it } from "vitest";
import { registerSchema } from "./accounts";
import { newThreadSchema } from "./contributions";
import { newIssueSchema } from "./issues";
import { parseForm } from "./parse-form";

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.append(name, value);
  return data;
}

describe("form parsing", () => {
  it("returns one clear message per field and keeps what was typed, never the password", () => {
    const result = parseForm(
      registerSchema,
      form({ email: "not-an-email", displayName: "A", password: "short" }),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.fieldErrors).toEqual({
      email: "Enter an email address in the right format, like name@example.com",
      displayName: "Your name must be at least 2 characters",
      password: "Your password must be at least 8 characters",
    });
    expect(result.values).toEqual({ email: "not-an-email", displayName: "A" });
  });

  it("treats a missing field as empty, with a message", () => {
    const result = parseForm(newThreadSchema, form({}));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.fieldErrors).sort()).toEqual(["body", "kind", "title"]);
  });

  it("says how long an over-long post is and what the limit is", () => {
    const result = parseForm(
      newThreadSchema,
      form({ kind: "idea", title: "A good title", body: "x".repeat(200 * 1024) }),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.fieldErrors.body).toBe(
      "This is 204,800 characters long; the limit is 20,000. Shorten it or split it into several posts.",
    );
    expect(result.values.body).toHaveLength(200 * 1024);
  });

  it("trims titles and refuses one that is only spaces", () => {
    const result = parseForm(newThreadSchema, form({ kind: "idea", title: "    ", body: "Hello" }));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.fieldErrors.title).toBe("Enter a title");
  });

  it("refuses an issue closing date that is not a real date", () => {
    const result = parseForm(
      newIssueSchema,
      form({
        title: "Mill Lane",
        summary: "x",
        areaId: "1",
        categoryId: "1",
        closesOn: "2027-02-31x",
        publish: "now",
      }),
    );
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.fieldErrors.closesOn).toBe("Enter a date like 2027-03-31");
  });

  it("refuses an area id that is not a number", () => {
    const result = parseForm(
      newIssueSchema,
      form({
        title: "Mill Lane",
        summary: "x",
        areaId: "1 or 1=1",
        categoryId: "1",
        closesOn: "2027-02-01",
        publish: "now",
      }),
    );
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.fieldErrors.areaId).toBe("Choose an area");
  });
});

describe("nesting in posts", () => {
  it("measures quotes and lists inside each other, and not ordinary punctuation", () => {
    expect(markdownNesting("> > - 1. x")).toBe(4);
    expect(markdownNesting("Plain text - with dashes > and arrows")).toBe(0);
    expect(markdownNesting("- a\n- b")).toBe(1);
    expect(markdownNesting(">".repeat(10_000) + " deep")).toBe(10_000);
  });

  it("refuses a post nested past the limit with a clear message", () => {
    const field = bodyField("Write something");
    expect(field.safeParse("> > quoted twice").success).toBe(true);
    const deep = field.safeParse(`${"> ".repeat(MAX_NESTING + 1)}too deep`);
    expect(deep.success).toBe(false);
    expect(deep.error?.issues[0]?.message).toMatch(/nested more than 20 levels/);
  });
});
