/** The outcome editor's fields, shared by "write an outcome" and "update an outcome". */
import { RadioGroup, TextArea, TextField } from "~/components/form-fields";
import { OUTCOME_STATUS_LABEL } from "~/domain/outcome-labels";
import { OUTCOME_STATUSES, type NextStep } from "../../db/schema";

export const OUTCOME_FIELD_LABELS = {
  title: "Title",
  status: "Status",
  statusReason: "Why it is not being taken forward",
  progress: "Progress (0 to 100%)",
  youSaid: "You said",
  weDid: "We did",
  nextSteps: "Next steps",
  team: "Responsible team",
  cite: "Citations",
  themes: "Themes this outcome answers",
};

export interface OutcomeThemeChoice {
  options: { id: number; name: string; contributions: number }[];
  chosen: number[];
}

export function nextStepsText(steps: NextStep[]): string {
  return steps.map((s) => (s.due ? `${s.due} | ${s.text}` : s.text)).join("\n");
}

export function OutcomeFormFields({
  values,
  errors,
  citable,
  cited,
  themes,
}: {
  themes?: OutcomeThemeChoice;
  values: Record<string, string | undefined>;
  errors: Record<string, string>;
  citable: {
    id: number;
    threadTitle: string;
    authorName: string;
    excerpt: string;
    opening: boolean;
  }[];
  cited: number[];
}) {
  return (
    <>
      <TextField
        name="title"
        label={OUTCOME_FIELD_LABELS.title}
        defaultValue={values.title}
        error={errors.title}
      />
      <TextArea
        name="youSaid"
        label={OUTCOME_FIELD_LABELS.youSaid}
        hint="Summarise what residents said. Markdown works. Tick the posts you quote below: each citation links to the original."
        rows={6}
        defaultValue={values.youSaid}
        error={errors.youSaid}
      />
      {themes && themes.options.length ? (
        <fieldset className="field" aria-describedby="themes-hint">
          <legend className="field__label">{OUTCOME_FIELD_LABELS.themes}</legend>
          <p className="field__hint" id="themes-hint">
            From the analysis of this issue. When the outcome is published, everyone whose
            contribution was coded to a theme you tick is told their point was considered, and the
            outcome shows how many contributions and people each theme stands for.
          </p>
          <input type="hidden" name="themesShown" value="1" />
          <ul className="checkbox-list">
            {themes.options.map((theme) => (
              <li key={theme.id}>
                <input
                  type="checkbox"
                  id={`answers-theme-${theme.id}`}
                  name="answersTheme"
                  value={theme.id}
                  defaultChecked={themes.chosen.includes(theme.id)}
                />
                <label htmlFor={`answers-theme-${theme.id}`}>
                  {theme.name} ({theme.contributions} contributions)
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
      ) : null}
      <fieldset className="field citations" aria-describedby="cite-hint">
        <legend className="field__label">{OUTCOME_FIELD_LABELS.cite}</legend>
        <p className="field__hint" id="cite-hint">
          Public posts of this issue. Held, hidden or deleted posts cannot be cited.
        </p>
        {citable.length === 0 ? <p>There are no public posts to cite yet.</p> : null}
        {citable.map((post, index) => {
          // A thread's title heads its first post in the list.
          const heading =
            post.threadTitle !== citable[index - 1]?.threadTitle ? post.threadTitle : null;
          return (
            <div key={post.id}>
              {heading ? <p className="citations__thread">{heading}</p> : null}
              <div className="checkbox">
                <input
                  type="checkbox"
                  id={`cite-${post.id}`}
                  name="cite"
                  value={post.id}
                  defaultChecked={cited.includes(post.id)}
                />
                <label htmlFor={`cite-${post.id}`}>
                  <strong>{post.authorName}</strong>
                  {post.opening ? " (opening post)" : ""}: {post.excerpt}
                </label>
              </div>
            </div>
          );
        })}
      </fieldset>
      <TextArea
        name="weDid"
        label={OUTCOME_FIELD_LABELS.weDid}
        hint="The decision and the actions taken."
        rows={6}
        defaultValue={values.weDid}
        error={errors.weDid}
      />
      <RadioGroup
        name="status"
        legend={OUTCOME_FIELD_LABELS.status}
        options={OUTCOME_STATUSES.map((status) => ({
          value: status,
          label: OUTCOME_STATUS_LABEL[status],
        }))}
        defaultValue={values.status ?? "under_consideration"}
        error={errors.status}
      />
      <TextArea
        name="statusReason"
        label={OUTCOME_FIELD_LABELS.statusReason}
        hint="Needed when the status is “Not taken forward”."
        rows={3}
        defaultValue={values.statusReason}
        error={errors.statusReason}
      />
      <TextField
        name="progress"
        label={OUTCOME_FIELD_LABELS.progress}
        defaultValue={values.progress ?? "0"}
        error={errors.progress}
      />
      <TextArea
        name="nextSteps"
        label={OUTCOME_FIELD_LABELS.nextSteps}
        hint="One per line. Start a line with a date to set a target: 2027-03-01 | Resurface the first section."
        rows={4}
        defaultValue={values.nextSteps}
        error={errors.nextSteps}
      />
      <TextField
        name="team"
        label={OUTCOME_FIELD_LABELS.team}
        defaultValue={values.team}
        error={errors.team}
      />
    </>
  );
}
