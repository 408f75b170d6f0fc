/** The fields an officer fills in for an issue, shared by "create" and "edit". */
import type { ReactNode } from "react";
import { SelectField, TextArea, TextField } from "./form-fields";

export const ISSUE_FIELD_LABELS = {
  title: "Title",
  summary: "Summary",
  areaId: "Area",
  categoryId: "Category",
  opensOn: "Opening date",
  closesOn: "Closing date",
  team: "Responsible team",
  publish: "When should residents see it?",
  visibility: "Who can see it?",
};

export function IssueFormFields({
  areas,
  categories,
  values,
  errors,
  withOpeningDate,
  children,
}: {
  areas: { id: number; name: string }[];
  categories: { id: number; name: string }[];
  values: Record<string, string | undefined>;
  errors: Record<string, string> | undefined;
  withOpeningDate: boolean;
  children?: ReactNode;
}) {
  const L = ISSUE_FIELD_LABELS;
  return (
    <>
      <TextField
        name="title"
        label={L.title}
        hint="Name the place and the question, like “Resurfacing Mill Lane”."
        error={errors?.title}
        defaultValue={values.title}
      />
      <TextArea
        name="summary"
        label={L.summary}
        hint="What is proposed, why, and what residents can influence. Markdown works."
        error={errors?.summary}
        defaultValue={values.summary}
      />
      <SelectField
        name="areaId"
        label={L.areaId}
        placeholder="Choose an area"
        error={errors?.areaId}
        defaultValue={values.areaId}
        options={areas.map((area) => ({ value: String(area.id), label: area.name }))}
      />
      <SelectField
        name="categoryId"
        label={L.categoryId}
        placeholder="Choose a category"
        error={errors?.categoryId}
        defaultValue={values.categoryId}
        options={categories.map((category) => ({
          value: String(category.id),
          label: category.name,
        }))}
      />
      {withOpeningDate ? (
        <TextField
          name="opensOn"
          type="date"
          label={L.opensOn}
          hint="Comments are taken from the start of this day, UK time."
          error={errors?.opensOn}
          defaultValue={values.opensOn}
        />
      ) : null}
      <TextField
        name="closesOn"
        type="date"
        label={L.closesOn}
        hint="Comments are taken until the end of this day, UK time. For example, 2027-03-31."
        error={errors?.closesOn}
        defaultValue={values.closesOn}
      />
      <TextField
        name="team"
        label={L.team}
        hint="Shown to residents, like “Highways”."
        error={errors?.team}
        defaultValue={values.team}
      />
      {children}
    </>
  );
}
