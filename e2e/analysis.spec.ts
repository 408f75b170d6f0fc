/**
 * The analysis workspace, with and without JavaScript: an officer themes an issue's
 * contributions (by hand, by keyboard, in bulk and from suggestions), merges themes,
 * starts an outcome from them and publishes it; a resident whose contribution was coded
 * hears that their point was considered, in the app and by email.
 */
import type { Page } from "@playwright/test";
import {
  anotherPerson,
  createIssue,
  DEMO,
  expect,
  expectAccessible,
  expectNotification,
  receivedMail,
  registerResident,
  signIn,
  test,
  uniqueSuffix,
} from "./fixtures";
import { withE2eDatabase } from "./e2e-database";

const VOICES = [
  "Please keep the library open late on Thursday evenings, I work until six.",
  "Saturday afternoons matter most to working families. Don't close then.",
  "Evening opening until eight would help shift workers like me.",
  "The lift has been broken for months and I use a wheelchair.",
  "The toilets are a disgrace and the accessible one never works.",
  "The building is freezing in winter, people read in their coats.",
  "Librarians are professionals, volunteers cannot replace them.",
  "I would volunteer a few hours a week to support the staff.",
  "The staff helped me with my housing form. That is not a volunteer job.",
  "Sunday opening would be used far more than Monday mornings.",
  "The roof leaks over the local history shelves.",
  "Friendly staff who know your name are why my dad still goes.",
];

/**
 * Other residents' contributions, in a discussion of the same issue, written straight to
 * the database: setup, not the subject of this test.
 */
async function addVoices(ideaThreadId: number): Promise<void> {
  await withE2eDatabase(async (client) => {
    const residents = await client.query<{ id: number }>(
      "select id from users where role = 'resident' and email like '%@northbridge.example' order by id limit 4",
    );
    const thread = await client.query<{ id: number }>(
      `insert into threads (issue_id, kind, title, author_id, last_post_at)
       select issue_id, 'discussion', 'What should change at the library?', $2, now()
       from threads where id = $1 returning id`,
      [ideaThreadId, residents.rows[0]!.id],
    );
    const threadId = thread.rows[0]!.id;
    for (const [index, text] of VOICES.entries()) {
      await client.query(
        `insert into posts (thread_id, author_id, body_md, body_html, created_at)
         values ($1, $2, $3, $4, now() - ($5 || ' minutes')::interval)`,
        [
          threadId,
          residents.rows[index % residents.rows.length]!.id,
          text,
          `<p>${text}</p>`,
          100 - index,
        ],
      );
    }
  });
}

async function createTheme(officer: Page, name: string): Promise<void> {
  await officer.getByLabel("Name", { exact: true }).first().fill(name);
  await officer.getByRole("button", { name: "Create theme" }).click();
  await expect(officer.getByRole("heading", { level: 3, name: new RegExp(name) })).toBeVisible();
}

test("an officer themes a consultation, publishes an outcome from the themes, and the resident hears", async ({
  page,
  browser,
}) => {
  const js = test.info().project.use.javaScriptEnabled !== false;
  const suffix = uniqueSuffix();
  const officer = page;
  await signIn(officer, DEMO.officer);
  const issuePath = await createIssue(
    officer,
    `Library future ${suffix}`,
    "How should the library change?",
  );

  const resident = await anotherPerson(browser);
  const author = await registerResident(resident);
  await resident.goto(`${issuePath}/new-thread`);
  await resident.getByLabel("Idea").check();
  await resident.getByLabel("Title").fill(`Open on Sunday afternoons ${suffix}`);
  await resident
    .getByLabel("Your first post")
    .fill("Open the library on Sunday afternoons for families.");
  await resident.getByRole("button", { name: "Start thread" }).click();
  await expect(resident.getByRole("heading", { level: 1 })).toContainText("Open on Sunday");
  const threadId = Number(new URL(resident.url()).pathname.split("/").at(-1));
  await addVoices(threadId);

  // The workspace: everything uncoded, and no themes yet.
  await officer.goto(issuePath);
  await officer.getByRole("link", { name: "Analyse what residents said" }).click();
  await expect(officer.getByText("0 of 13 contributions coded")).toBeVisible();
  await expectAccessible(officer);

  // Themes by hand.
  await officer
    .getByRole("navigation", { name: "Analysis" })
    .getByRole("link", { name: "Themes and summary" })
    .click();
  await createTheme(officer, "Opening hours");
  await createTheme(officer, "Building condition");
  await createTheme(officer, "Heating");
  await expectAccessible(officer);

  // Suggestions, computed by the worker; accept two candidate themes.
  await officer.getByRole("link", { name: "Suggestions" }).click();
  await officer.getByRole("button", { name: "Suggest themes" }).click();
  await expect(async () => {
    await officer.reload();
    await expect(officer.getByRole("status")).toContainText("Finished", { timeout: 1_000 });
  }).toPass({ timeout: 60_000 });
  await expectAccessible(officer);
  const candidates = officer.getByRole("region", { name: "Candidate themes" });
  for (let accepted = 0; accepted < 2; accepted++) {
    const item = candidates
      .getByRole("listitem")
      .filter({ has: officer.getByRole("button", { name: /^Accept/ }) })
      .first();
    await item.getByLabel("Name it (stance-neutral)").fill(`Suggested ${accepted + 1} ${suffix}`);
    await item.getByRole("button", { name: /^Accept/ }).click();
    await expect(candidates.getByText(/· accepted/)).toHaveCount(accepted + 1);
  }

  // Accept two suggested codes from the list.
  await officer
    .getByRole("navigation", { name: "Analysis" })
    .getByRole("link", { name: "Contributions" })
    .click();
  for (let accepted = 0; accepted < 2; accepted++) {
    await officer
      .getByRole("button", { name: /^Accept “/ })
      .first()
      .click();
    await expect(officer.getByText(`${accepted + 1} of 13 contributions coded`)).toBeVisible();
  }
  await expect(officer.getByText("accepted suggestion").first()).toBeVisible();

  // Ten contributions coded to "Opening hours" by keyboard alone.
  const items = officer.getByRole("list", { name: /contributions?$/ }).locator("li[data-post-id]");
  if (js) {
    await items.first().focus();
    for (let n = 0; n < 10; n++) {
      await officer.keyboard.press("1");
      await expect(items.nth(n).getByLabel(/Opening hours/)).toBeChecked();
      await officer.keyboard.press("j");
    }
  } else {
    for (let n = 0; n < 10; n++) {
      const item = items.nth(n);
      await item.getByLabel(/Opening hours/).focus();
      await officer.keyboard.press("Space");
      await item.getByRole("button", { name: /^Save codes/ }).focus();
      await officer.keyboard.press("Enter");
      await expect(items.nth(n).getByLabel(/Opening hours/)).toBeChecked();
    }
  }
  // Saved, not just ticked: the codes are there after a reload.
  await expect(officer.locator("li[aria-busy]")).toHaveCount(0);
  await officer.reload();
  for (let n = 0; n < 10; n++) await expect(items.nth(n).getByLabel(/Opening hours/)).toBeChecked();
  await expectAccessible(officer);

  // Bulk-code a filter: every idea to "Building condition".
  await officer.getByLabel("Thread kind").selectOption("idea");
  await officer.getByRole("button", { name: "Filter", exact: true }).click();
  await expect(officer.getByRole("heading", { name: "1 contribution" })).toBeVisible();
  await officer.getByLabel(/^Code all 1 to/).selectOption({ label: "Building condition" });
  await officer.getByRole("button", { name: "Code every result" }).click();
  await expect(officer.getByText("Coded 1 contributions.")).toBeVisible();

  // Merge "Heating" into "Building condition".
  await officer.getByRole("link", { name: "Themes and summary" }).click();
  await officer
    .getByRole("group", { name: "Themes to merge" })
    .getByLabel(/^Heating/)
    .check();
  await officer.getByLabel("Merge into").selectOption({ label: "Building condition" });
  await officer.getByRole("button", { name: "Merge" }).click();
  await expect(officer.getByRole("heading", { level: 3, name: /Heating/ })).toHaveCount(0);

  // An outcome started from the themes, published.
  await officer.getByRole("link", { name: "Write an outcome from these themes" }).click();
  await expect(officer.getByRole("textbox", { name: "You said" })).toHaveValue(
    /\*\*Building condition\*\* \(1 contribution from 1 person\)/,
  );
  await expect(
    officer
      .getByRole("group", { name: "Themes this outcome answers" })
      .getByLabel(/Building condition/),
  ).toBeChecked();
  await expectAccessible(officer);
  const title = `Sunday opening from April ${suffix}`;
  await officer.getByLabel("Title", { exact: true }).fill(title);
  await officer.getByLabel("We did").fill("The library will open on Sunday afternoons from April.");
  await officer.getByLabel("Decision made").check();
  await officer.getByLabel("Progress (0 to 100%)").fill("0");
  await officer.getByRole("button", { name: "Save draft and preview" }).click();
  await officer.getByRole("button", { name: "Publish this outcome" }).click();
  await expect(officer.getByText(/Published\. Everyone who follows/)).toBeVisible();
  const answered = officer.getByRole("table", { name: "The themes this outcome answers" });
  await expect(answered.getByRole("row", { name: /Building condition 1 1/ })).toBeVisible();

  await expectNotification(
    resident,
    new RegExp(`Your point about .*“Building condition”.* was considered in “${title}”`),
  );
  const mail = await receivedMail(author.email, /was considered/);
  expect(mail.text).toContain(title);
});
