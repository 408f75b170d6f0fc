import { Form, Link } from "@remix-run/react";
import type { SerializeFrom } from "@remix-run/node";
import { SelectField, TextField } from "~/components/form-fields";
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
      <SelectField
        name="theme"
        id="filter-theme"
        label="Theme"
        placeholder="Any"
        defaultValue={filters.theme}
        options={[
          { value: "uncoded", label: "Not yet coded" },
          ...workspace.themes.map((theme) => ({
            value: String(theme.id),
            label: `${theme.name} (${theme.contributions})`,
          })),
        ]}
      />
      <SelectField
        name="kind"
        id="filter-kind"
        label="Thread kind"
        placeholder="Any"
        defaultValue={filters.kind}
        options={THREAD_KINDS.map((kind) => ({ value: kind, label: THREAD_KIND_LABEL[kind] }))}
      />
      <SelectField
        name="area"
        id="filter-area"
        label="Author’s area"
        placeholder="Any"
        defaultValue={filters.area}
        options={workspace.areas.map((area) => ({ value: String(area.id), label: area.name }))}
      />
      <TextField
        name="from"
        id="filter-from"
        type="date"
        label="From"
        defaultValue={filters.from}
      />
      <TextField name="to" id="filter-to" type="date" label="To" defaultValue={filters.to} />
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
