/**
 * The settings people use to see the page at all: Windows forced colours, where
 * backgrounds and shadows vanish, and reduced motion. The checks run as a moderator on
 * the queue, the page that leans most on coloured tags.
 */
import { DEMO, expect, signIn, test } from "./fixtures";

test("with forced colours, tags and buttons keep an edge and focus stays visible", async ({
  page,
}) => {
  await page.emulateMedia({ forcedColors: "active" });
  await signIn(page, DEMO.moderator);
  await page.goto("/moderation");
  // A tag's meaning was its background, which forced colours remove: its border stays.
  const tag = page.locator(".tag").first();
  await expect(tag).toBeVisible();
  expect(
    await tag.evaluate((el) => parseFloat(getComputedStyle(el).borderTopWidth)),
  ).toBeGreaterThan(0);
  const filter = page.getByRole("button", { name: "Filter" });
  expect(
    await filter.evaluate((el) => parseFloat(getComputedStyle(el).borderTopWidth)),
  ).toBeGreaterThan(0);
  // The focus ring's shadow goes too; the solid outline is what remains.
  await page.getByRole("link", { name: "audit log" }).focus();
  const outline = await page.getByRole("link", { name: "audit log" }).evaluate((el) => ({
    style: getComputedStyle(el).outlineStyle,
    width: parseFloat(getComputedStyle(el).outlineWidth),
  }));
  expect(outline.style).toBe("solid");
  expect(outline.width).toBeGreaterThanOrEqual(2);
});

test("with reduced motion, nothing animates or scrolls smoothly", async ({ page }) => {
  await page.emulateMedia({ reducedMotion: "reduce" });
  await page.goto("/issues/library-opening-hours");
  const moving = await page.evaluate(
    () =>
      [...document.querySelectorAll("*")]
        .map((el) => getComputedStyle(el))
        .filter(
          (style) =>
            parseFloat(style.transitionDuration) > 0.001 ||
            (style.animationName !== "none" && parseFloat(style.animationDuration) > 0.001) ||
            style.scrollBehavior === "smooth",
        ).length,
  );
  expect(moving).toBe(0);
});
