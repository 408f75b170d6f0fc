import { Form, Link } from "@remix-run/react";
import type { SerializeFrom } from "@remix-run/node";
import { THREAD_KIND_LABEL } from "~/components/thread-kind";
import type { Workspace } from "~/domain/analysis/workspace.server";
import { THREAD_KINDS } from "../../../db/schema";

/** The workspace's filters: a plain GET form, so every filtered view is a link. */
export function FilterForm({
  workspace,
  filters,
}: {
  workspace: SerializeFrom<Workspace>;
  filters: Record<string, string>;
}) {
  return (
    <Form method="get" className="filters" aria-label="Filter contributions">
      <div className="field">
        <label htmlFor="filter-theme" className="field__label">
          Theme
        </label>
        <select
          id="filter-theme"
          name="theme"
          className="field__input"
          defaultValue={filters.theme ?? ""}
        >
          <option value="">Any</option>
          <option value="uncoded">Not yet coded</option>
          {workspace.themes.map((theme) => (
            <option key={theme.id} value={theme.id}>
              {theme.name} ({theme.contributions})
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="filter-kind" className="field__label">
          Thread kind
        </label>
        <select
          id="filter-kind"
          name="kind"
          className="field__input"
          defaultValue={filters.kind ?? ""}
        >
          <option value="">Any</option>
          {THREAD_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {THREAD_KIND_LABEL[kind]}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="filter-area" className="field__label">
          Author’s area
        </label>
        <select
          id="filter-area"
          name="area"
          className="field__input"
          defaultValue={filters.area ?? ""}
        >
          <option value="">Any</option>
          {workspace.areas.map((area) => (
            <option key={area.id} value={area.id}>
              {area.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="filter-from" className="field__label">
          From
        </label>
        <input
          id="filter-from"
          name="from"
          type="date"
          className="field__input"
          defaultValue={filters.from ?? ""}
        />
      </div>
      <div className="field">
        <label htmlFor="filter-to" className="field__label">
          To
        </label>
        <input
          id="filter-to"
          name="to"
          type="date"
          className="field__input"
          defaultValue={filters.to ?? ""}
        />
      </div>
      <div className="field">
        <label htmlFor="filter-supports" className="field__label">
          At least this many supports
        </label>
        <input
          id="filter-supports"
          name="supports"
          inputMode="numeric"
          pattern="[0-9]*"
          className="field__input field__input--short"
          defaultValue={filters.supports ?? ""}
        />
      </div>
      <div className="field">
        <label htmlFor="filter-q" className="field__label">
          Words
        </label>
        <input
          id="filter-q"
          name="q"
          type="search"
          className="field__input"
          defaultValue={filters.q ?? ""}
        />
      </div>
      <div className="field checkbox-field">
        <input
          id="filter-withheld"
          name="withheld"
          type="checkbox"
          value="1"
          defaultChecked={filters.withheld === "1"}
        />
        <label htmlFor="filter-withheld">Include held and hidden contributions (marked)</label>
      </div>
      <button type="submit" className="button">
        Filter
      </button>
      {Object.keys(filters).length ? <Link to="?">Clear filters</Link> : null}
    </Form>
  );
}
