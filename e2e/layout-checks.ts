/**
 * What axe cannot see, measured in the browser: sideways scrolling at 320 CSS px
 * (WCAG 1.4.10), text clipped or controls lost at 200% text with the 1.4.12 spacing
 * overrides (1.4.4, 1.4.12), a focus indicator on every element in tab order that
 * nothing covers (2.4.7, 2.4.11), and target size (2.5.8).
 *
 * Each check runs inside the page and returns plain sentences naming the element, so a
 * failure reads as a list of what to fix. The functions passed to `page.evaluate` run in
 * the browser: they can use nothing from this module's scope.
 */
import type { Page } from "@playwright/test";

/** The narrowest screen WCAG 1.4.10 asks for: 1280 px at 400% zoom. */
export const NARROW = { width: 320, height: 640 };
/** A desktop, where the text is then doubled (1.4.4) and spaced out (1.4.12). */
export const DESKTOP = { width: 1280, height: 800 };

/** WCAG 1.4.12's overrides, and text at 200% (every size in the stylesheet is in rem). */
const ENLARGED_AND_SPACED = `
  html { font-size: 200% !important; }
  * { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }
  p { margin-bottom: 2em !important; }
`;

/** Sideways overflow, focus indicators and target sizes, at the viewport the page has now. */
export async function inspectNarrowLayout(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const describe = (element: Element): string => {
      const id = element.id ? `#${element.id}` : "";
      const classes = [...element.classList].map((c) => `.${c}`).join("");
      const text = (element.textContent ?? "").trim().replace(/\s+/g, " ").slice(0, 40);
      return `<${element.tagName.toLowerCase()}${id}${classes}>${text ? ` “${text}”` : ""}`;
    };
    const scrollsItself = (element: Element): boolean => {
      const style = getComputedStyle(element);
      return ["auto", "scroll"].includes(style.overflowX);
    };
    const insideScrollRegion = (element: Element): boolean => {
      for (let node = element.parentElement; node; node = node.parentElement) {
        if (node === document.body) return false;
        if (scrollsItself(node)) return true;
      }
      return false;
    };
    const hiddenForEveryone = (element: Element): boolean => {
      const rect = element.getBoundingClientRect();
      if (rect.width === 0 && rect.height === 0) return true;
      for (let node: Element | null = element; node; node = node.parentElement) {
        const style = getComputedStyle(node);
        if (style.visibility === "hidden" || style.display === "none") return true;
        if (node.classList.contains("visually-hidden")) return true;
      }
      return false;
    };

    // 1.4.10: nothing but a labelled, focusable scroll region may be wider than the screen.
    const width = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth > width + 1) {
      const culprits = [...document.body.querySelectorAll("*")]
        .filter((element) => {
          const rect = element.getBoundingClientRect();
          return rect.right > width + 1 && !insideScrollRegion(element);
        })
        // The innermost elements that stick out say where the fix belongs.
        .filter(
          (element, _, all) => !all.some((other) => other !== element && element.contains(other)),
        )
        .slice(0, 5);
      problems.push(
        `the page is ${document.documentElement.scrollWidth} px wide on a ${width} px screen: ${culprits.map(describe).join(", ")}`,
      );
    }
    for (const region of document.querySelectorAll("*")) {
      if (!scrollsItself(region) || region.scrollWidth <= region.clientWidth + 1) continue;
      if (region.tagName === "PRE" || region.tagName === "TEXTAREA") continue;
      const labelled =
        region.getAttribute("role") === "region" && region.hasAttribute("aria-label");
      if (!labelled || region.getAttribute("tabindex") !== "0")
        problems.push(
          `${describe(region)} scrolls sideways but is not a labelled region in the tab order`,
        );
    }

    // Tab order: what a keyboard user reaches, in the order they reach it.
    const focusable = [
      ...document.querySelectorAll<HTMLElement>(
        'a[href], button, input:not([type="hidden"]), select, textarea, summary, [tabindex]',
      ),
    ].filter(
      (element) =>
        element.tabIndex >= 0 &&
        !(element as HTMLButtonElement).disabled &&
        // The skip link is off screen until it has focus; it is checked with focus below.
        (!hiddenForEveryone(element) || element.classList.contains("skip-link")),
    );

    // 2.4.7 and 2.4.11: focus shows, and the focused element is on top where it is.
    for (const element of focusable) {
      element.focus();
      if (document.activeElement !== element) continue;
      const style = getComputedStyle(element);
      const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
      const shadow = style.boxShadow !== "none" && style.boxShadow !== "";
      if (!outline && !shadow) problems.push(`${describe(element)} shows no focus indicator`);
      // The centre of what is on screen of it (a tall text box is scrolled to its top).
      const box = element.getClientRects()[0] ?? element.getBoundingClientRect();
      const left = Math.max(box.left, 0);
      const right = Math.min(box.right, window.innerWidth);
      const top = Math.max(box.top, 0);
      const bottom = Math.min(box.bottom, window.innerHeight);
      const hit = document.elementFromPoint((left + right) / 2, (top + bottom) / 2);
      if (!hit || !(hit === element || element.contains(hit)))
        problems.push(
          `${describe(element)} is covered when focused${hit ? ` by ${describe(hit)}` : " (off screen)"}`,
        );
    }
    (document.activeElement as HTMLElement | null)?.blur();
    window.scrollTo(0, 0);

    // 2.5.8: 24 by 24 CSS px, or a 24 px circle around it touching no other target.
    // A link inside a sentence is exempt: the line of text decides its size.
    const inSentence = (element: HTMLElement): boolean => {
      if (getComputedStyle(element).display !== "inline") return false;
      const block = element.parentElement;
      if (!block) return false;
      const own = (element.textContent ?? "").trim().length;
      return (block.textContent ?? "").trim().length > own;
    };
    const targets = focusable
      .filter((element) => !hiddenForEveryone(element) && !inSentence(element))
      .map((element) => ({ element, rect: element.getBoundingClientRect() }));
    const undersized = targets.filter(({ rect }) => rect.width < 23.5 || rect.height < 23.5);
    const circleTouches = (
      centre: { x: number; y: number },
      rect: DOMRect,
      radius: number,
    ): boolean => {
      const dx = Math.max(rect.left - centre.x, 0, centre.x - rect.right);
      const dy = Math.max(rect.top - centre.y, 0, centre.y - rect.bottom);
      return dx * dx + dy * dy < radius * radius;
    };
    const centreOf = (rect: DOMRect) => ({
      x: rect.left + rect.width / 2,
      y: rect.top + rect.height / 2,
    });
    for (const target of undersized) {
      const centre = centreOf(target.rect);
      const crowded = targets.some((other) => {
        if (other === target || other.element.contains(target.element)) return false;
        if (target.element.contains(other.element)) return false;
        if (circleTouches(centre, other.rect, 12)) return true;
        if (!undersized.includes(other)) return false;
        const o = centreOf(other.rect);
        return Math.hypot(o.x - centre.x, o.y - centre.y) < 24;
      });
      if (crowded)
        problems.push(
          `${describe(target.element)} is ${Math.round(target.rect.width)}×${Math.round(target.rect.height)} px, smaller than 24×24, and too close to another target`,
        );
    }
    return problems;
  });
}

/**
 * Text at 200% with the 1.4.12 spacing overrides: no sideways scrolling, nothing clipped
 * by a box that hides its overflow, and no control drawn over another.
 * The overrides stay on the page: check last, or load the page again.
 */
export async function inspectEnlargedText(page: Page): Promise<string[]> {
  // Added from here rather than with addStyleTag, which waits on the page's own scripts
  // and so never returns when JavaScript is off.
  return page.evaluate((overrides) => {
    const style = document.createElement("style");
    style.textContent = overrides;
    document.head.append(style);
    const problems: string[] = [];
    const describe = (element: Element): string => {
      const classes = [...element.classList].map((c) => `.${c}`).join("");
      const text = (element.textContent ?? "").trim().replace(/\s+/g, " ").slice(0, 40);
      return `<${element.tagName.toLowerCase()}${classes}>${text ? ` “${text}”` : ""}`;
    };
    const width = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth > width + 1)
      problems.push(
        `with text at 200% and spaced out, the page is ${document.documentElement.scrollWidth} px wide on a ${width} px screen`,
      );
    for (const element of document.body.querySelectorAll<HTMLElement>("*")) {
      if (element.closest(".visually-hidden")) continue;
      // A text box scrolls its own value by design; that is not clipping.
      if (["INPUT", "TEXTAREA", "SELECT"].includes(element.tagName)) continue;
      const style = getComputedStyle(element);
      const clipsX = ["hidden", "clip"].includes(style.overflowX);
      const clipsY = ["hidden", "clip"].includes(style.overflowY);
      if (!clipsX && !clipsY) continue;
      if (
        (clipsX && element.scrollWidth > element.clientWidth + 1) ||
        (clipsY && element.scrollHeight > element.clientHeight + 1)
      )
        problems.push(`${describe(element)} clips its text`);
    }
    // No control drawn over another: compared as boxes, which needs no scrolling.
    const controls = [
      ...document.querySelectorAll<HTMLElement>(
        'a[href], button, input:not([type="hidden"]), select, textarea',
      ),
    ]
      .filter((control) => !control.closest(".visually-hidden, .skip-link"))
      .flatMap((control) =>
        [...control.getClientRects()]
          .filter((box) => box.width > 0 && box.height > 0)
          .map((box) => ({ control, box })),
      );
    const overlapping = (a: DOMRect, b: DOMRect) =>
      Math.min(a.right, b.right) - Math.max(a.left, b.left) > 2 &&
      Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 2;
    const reported = new Set<HTMLElement>();
    for (let i = 0; i < controls.length; i++) {
      const a = controls[i]!;
      for (let j = i + 1; j < controls.length; j++) {
        const b = controls[j]!;
        if (
          a.control === b.control ||
          a.control.contains(b.control) ||
          b.control.contains(a.control)
        )
          continue;
        if (reported.has(a.control) || !overlapping(a.box, b.box)) continue;
        reported.add(a.control);
        problems.push(`${describe(a.control)} overlaps ${describe(b.control)}`);
      }
    }
    return problems;
  }, ENLARGED_AND_SPACED);
}
