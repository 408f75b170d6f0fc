import { useEffect, useRef } from "react";
import { useHydrated } from "~/components/use-hydrated";

/** True once React has hydrated: forms then go through fetchers and answer with data. */
export { useHydrated };

function isTyping(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable ||
      target instanceof HTMLTextAreaElement ||
      target instanceof HTMLSelectElement ||
      (target instanceof HTMLInputElement &&
        !["checkbox", "radio", "submit"].includes(target.type)))
  );
}

/**
 * Coding by keyboard, on the list of contributions: J and K move between them, a theme's
 * key ticks or unticks that theme on the focused contribution and saves at once, E marks
 * it evidence-rich, A and R accept or reject its suggestion. Each key presses the same
 * control a mouse or a no-JavaScript user would, so there is one path to the server.
 */
export function useKeyboardCoding() {
  const listRef = useRef<HTMLOListElement>(null);
  useEffect(() => {
    const list = listRef.current;
    if (!list) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
      const item = (event.target as HTMLElement).closest<HTMLLIElement>("li[data-post-id]");
      if (!item) return;
      const key = event.key.toLowerCase();
      const press = (selector: string) => {
        const control = item.querySelector<HTMLButtonElement>(selector);
        if (!control) return false;
        event.preventDefault();
        control.click();
        item.focus();
        return true;
      };
      if (key === "j" || key === "k") {
        const items = [...list.querySelectorAll<HTMLLIElement>("li[data-post-id]")];
        const next = items[items.indexOf(item) + (key === "j" ? 1 : -1)];
        if (next) {
          event.preventDefault();
          next.focus();
        }
        return;
      }
      if (key === "e") return void press("[data-evidence] button");
      if (key === "a") return void press('[data-suggestion] button[value="accept"]');
      if (key === "r") return void press('[data-suggestion] button[value="reject"]');
      const box = item.querySelector<HTMLInputElement>(
        `[data-coding] input[data-key="${CSS.escape(key)}"]`,
      );
      if (!box) return;
      event.preventDefault();
      box.checked = !box.checked;
      box.form?.requestSubmit();
      item.focus();
    };
    list.addEventListener("keydown", onKeyDown);
    return () => list.removeEventListener("keydown", onKeyDown);
  }, []);
  return listRef;
}
