import type { Page } from "@playwright/test";
import {
  DEMO,
  expect,
  expectAccessible,
  registerResident,
  signIn,
  test,
  uniqueSuffix,
  signOut,
} from "./fixtures";

async function startThread(
  page: Page,
  issueSlug: string,
  kind: "Idea" | "Question to staff",
  title: string,
) {
  await page.goto(`/issues/${issueSlug}/new-thread`);
  await page.getByLabel(kind).check();
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Your first post").fill(`${kind}: ${title}`);
  await page.getByRole("button", { name: "Start thread" }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  return page.url();
}

test("a resident proposes an idea and another resident supports it, then withdraws", async ({
  page,
}) => {
  await registerResident(page);
  const title = `Benches facing the pond ${uniqueSuffix()}`;
  const ideaUrl = await startThread(page, "hollins-park-play-area", "Idea", title);
  await expect(page.getByText("You proposed this idea.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Support this idea" })).toHaveCount(0);
  await signOut(page);

  await registerResident(page);
  await page.goto(ideaUrl);
  const support = page.getByRole("region", { name: "Support for this idea" });
  await expect(support).toContainText("0 supporters");
  await support.getByRole("button", { name: "Support this idea" }).click();
  await expect(support).toContainText("1 supporter");
  await expect(support).toContainText("You support this idea.");
  await expectAccessible(page);

  await page.goto("/issues/hollins-park-play-area?sort=supported");
  await expect(page.getByRole("link", { name: "Most supported ideas" })).toHaveAttribute(
    "aria-current",
    "page",
  );
  const ideas = page.getByRole("list", { name: "Ideas" });
  await expect(ideas.getByRole("listitem").filter({ hasText: title })).toContainText("1 supporter");
  await expect(ideas).not.toContainText("Discussion");
  await expectAccessible(page);

  await page.goto(ideaUrl);
  await support.getByRole("button", { name: "Withdraw my support" }).click();
  await expect(support).toContainText("0 supporters");
  await expect(support.getByRole("button", { name: "Support this idea" })).toBeVisible();
});

test("a resident asks a question and an officer's reply is marked as the official answer", async ({
  page,
}) => {
  await registerResident(page);
  const title = `When will the gritting start? ${uniqueSuffix()}`;
  const questionUrl = await startThread(
    page,
    "cycle-lane-station-road",
    "Question to staff",
    title,
  );
  await signOut(page);

  await signIn(page, DEMO.officer);
  await page.goto(questionUrl);
  await page.getByLabel("Your reply").fill("From the first frost, on the priority route.");
  await page.getByRole("button", { name: "Post reply" }).click();
  const reply = page.getByRole("article").filter({ hasText: "From the first frost" });
  await expect(reply).toContainText("Staff · Highways");
  await reply.getByRole("button", { name: "Mark as official answer" }).click();

  const answer = page.getByRole("region", { name: "Official answer" });
  await expect(answer).toContainText("From the first frost, on the priority route.");
  await expect(answer).toContainText("Sam Okafor");
  await expect(reply).toContainText("Official answer");
  await expectAccessible(page);
  await signOut(page);

  // Everyone sees the answer first; residents get no button to change it.
  await page.goto(questionUrl);
  await expect(page.getByRole("region", { name: "Official answer" })).toContainText(
    "From the first frost",
  );
  await expect(page.getByRole("button", { name: /official answer/ })).toHaveCount(0);
});
