import { Form } from "@remix-run/react";
import type { SerializeFrom } from "@remix-run/node";
import type { FormFailure } from "~/action-result.server";
import { TextArea, TextField } from "~/components/form-fields";
import { formatDate } from "~/components/format";
import type { ThemeQuote, ThemeSummary } from "~/domain/analysis/theme-summary.server";

type Quote = SerializeFrom<ThemeQuote>;

function QuoteItem({ themeId, quote }: { themeId: number; quote: Quote }) {
  return (
    <li className={quote.withheld ? "contribution--withheld" : undefined}>
      <blockquote className="citation">
        <div dangerouslySetInnerHTML={{ __html: quote.bodyHtml }} />
        <footer>
          — {quote.respondent}
          {quote.areaName ? `, ${quote.areaName}` : ""}, {formatDate(new Date(quote.createdAt))}
          {quote.evidenceRich ? <span className="tag tag--answer">Evidence-rich</span> : null}
          {quote.pinned ? <span className="tag">Pinned</span> : null}
          {quote.withheld ? <span className="tag tag--held">Not public</span> : null}
        </footer>
      </blockquote>
      <Form method="post" className="inline-form">
        <input type="hidden" name="intent" value="pin" />
        <input type="hidden" name="themeId" value={themeId} />
        <input type="hidden" name="postId" value={quote.postId} />
        <input type="hidden" name="pinned" value={quote.pinned ? "no" : "yes"} />
        <button type="submit" className="button button--secondary">
          {quote.pinned ? "Unpin" : "Pin"}
          <span className="visually-hidden"> {quote.respondent}’s quote</span>
        </button>
      </Form>
    </li>
  );
}

/** Contributions counted by one thing (area, month): a small table that scrolls if it must. */
function CountTable({
  label,
  caption,
  heading,
  rows,
}: {
  label: string;
  caption: string;
  heading: string;
  rows: { key: string; count: number }[];
}) {
  if (rows.length === 0) return null;
  return (
    <div className="table-scroll" role="region" aria-label={label} tabIndex={0}>
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{heading}</th>
            <th scope="col">Contributions</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              <th scope="row">{row.key}</th>
              <td>{row.count}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** One theme: its figures, spread, quotes (pin or swap), and its edit and split forms. */
export function ThemeSummarySection({
  theme,
  failure,
  busy,
}: {
  theme: SerializeFrom<ThemeSummary>;
  failure: FormFailure | undefined;
  busy: boolean;
}) {
  const mine = failure?.values.themeId === String(theme.id) ? failure : undefined;
  const editing = mine?.values.intent === "update" ? mine : undefined;
  const splitting = mine?.values.intent === "split" ? mine : undefined;
  const all = [...theme.quotes, ...theme.others];
  return (
    <article
      id={`theme-${theme.id}`}
      className="theme-summary"
      aria-labelledby={`theme-${theme.id}-name`}
    >
      <h3 id={`theme-${theme.id}-name`}>
        {theme.key ? <kbd aria-label={`key ${theme.key}`}>{theme.key}</kbd> : null} {theme.name}
      </h3>
      {theme.description ? <p>{theme.description}</p> : null}
      <dl className="facts">
        <dt>Contributions</dt>
        <dd>{theme.contributions}</dd>
        <dt>People</dt>
        <dd>{theme.people}</dd>
        <dt>Supports</dt>
        <dd>{theme.supports}</dd>
      </dl>
      <CountTable
        label={`${theme.name} by area`}
        caption="By the author’s area"
        heading="Area"
        rows={theme.byArea.map((row) => ({ key: row.area, count: row.contributions }))}
      />
      <CountTable
        label={`${theme.name} by month`}
        caption="Over time"
        heading="Month"
        rows={theme.byMonth.map((row) => ({ key: row.month, count: row.contributions }))}
      />
      {theme.quotes.length ? (
        <>
          <h4>Representative quotes</h4>
          <ol className="quote-list">
            {theme.quotes.map((quote) => (
              <QuoteItem key={quote.postId} themeId={theme.id} quote={quote} />
            ))}
          </ol>
        </>
      ) : (
        <p>No contributions are coded to this theme yet.</p>
      )}
      {theme.others.length ? (
        <details>
          <summary>Other contributions to swap in ({theme.others.length})</summary>
          <ol className="quote-list">
            {theme.others.map((quote) => (
              <QuoteItem key={quote.postId} themeId={theme.id} quote={quote} />
            ))}
          </ol>
        </details>
      ) : null}
      <details open={editing ? true : undefined}>
        <summary>Rename or describe “{theme.name}”</summary>
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="update" />
          <input type="hidden" name="themeId" value={theme.id} />
          <input type="hidden" name="version" value={theme.version} />
          <TextField
            name="name"
            id={`theme-${theme.id}-rename`}
            label="Name"
            defaultValue={editing?.values.name ?? theme.name}
            error={editing?.fieldErrors.name}
          />
          <TextArea
            name="description"
            id={`theme-${theme.id}-description`}
            label="What residents said about it, in your words"
            rows={3}
            defaultValue={editing?.values.description ?? theme.description}
            error={editing?.fieldErrors.description}
          />
          <button type="submit" className="button button--secondary" disabled={busy}>
            Save<span className="visually-hidden"> “{theme.name}”</span>
          </button>
        </Form>
      </details>
      {all.length > 1 ? (
        <details open={splitting ? true : undefined}>
          <summary>Split “{theme.name}”</summary>
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="split" />
            <input type="hidden" name="themeId" value={theme.id} />
            <fieldset className="field">
              <legend className="field__label">Contributions for the new theme</legend>
              <ul className="checkbox-list">
                {all.map((quote) => (
                  <li key={quote.postId}>
                    <input
                      type="checkbox"
                      id={`split-${theme.id}-${quote.postId}`}
                      name="postIds"
                      value={quote.postId}
                    />
                    <label htmlFor={`split-${theme.id}-${quote.postId}`}>
                      {quote.respondent}:{" "}
                      {quote.bodyMd.length > 120 ? `${quote.bodyMd.slice(0, 120)}…` : quote.bodyMd}
                    </label>
                  </li>
                ))}
              </ul>
            </fieldset>
            <TextField
              name="name"
              id={`theme-${theme.id}-split-name`}
              label="Name of the new theme"
              defaultValue={splitting?.values.name}
              error={splitting?.fieldErrors.name}
            />
            <input type="hidden" name="description" value="" />
            <button type="submit" className="button button--secondary" disabled={busy}>
              Split into a new theme
            </button>
          </Form>
        </details>
      ) : null}
    </article>
  );
}
