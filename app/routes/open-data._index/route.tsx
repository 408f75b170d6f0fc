import type { MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { DATASET_NAMES, DATASETS } from "~/domain/open-data/datasets.server";
import { FIGURE_ROW_COLUMNS } from "~/domain/listening/figure-rows";
import { LICENCE } from "~/open-data-http.server";

export const meta: MetaFunction = () => [{ title: "Open data — Parley" }];

export function loader() {
  return {
    licence: LICENCE,
    datasets: DATASET_NAMES.map((name) => {
      const { title, description, fields } = DATASETS[name];
      return { name, title, description, fields };
    }),
    figureColumns: [...FIGURE_ROW_COLUMNS],
  };
}

export default function OpenDataPage() {
  const { licence, datasets, figureColumns } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Open data</h1>
      <p className="lede">
        Everything public on Parley, to download and reuse: the issues the council consults on, what
        residents wrote, the outcomes the council published, and the figures on{" "}
        <Link to="/how-we-listen">how the council listens</Link>.
      </p>
      <ul>
        <li>
          Published under the <a href={licence.url}>{licence.name}</a>: you may copy, publish and
          adapt it, for any purpose, if you say where it came from (“Contains public sector
          information from Parley, Northbridge Borough Council”).
        </li>
        <li>
          Public content only. Posts held for a moderator, hidden, rejected or deleted, and issues
          still in draft, are never included. People appear as pseudonymous ids such as{" "}
          <code>P-3f9a0c12b7e4</code>: one person has the same id in every dataset, and no name,
          email address or account number is in the data.
        </li>
        <li>
          Each file is produced when you ask for it, so it is always current. Each answer carries an{" "}
          <code>ETag</code> and <code>Last-Modified</code>: send the ETag back in{" "}
          <code>If-None-Match</code> and you get “304 Not Modified” until something changes.
        </li>
        <li>
          Dates and times are UTC, in ISO 8601. Text is Markdown, as its author wrote it. In CSV,
          lists are JSON text in one cell.
        </li>
        <li>
          For programs, the same data is in a read-only JSON API, described by its{" "}
          <a href="/api/v1/openapi.json">OpenAPI document</a>. Both allow a limited number of
          requests a minute from one address.
        </li>
      </ul>

      {datasets.map((dataset) => (
        <section key={dataset.name} aria-labelledby={`dataset-${dataset.name}`}>
          <h2 id={`dataset-${dataset.name}`}>{dataset.title}</h2>
          <p>{dataset.description}</p>
          <p>
            Download:{" "}
            <a href={`/open-data/${dataset.name}.csv`} download>
              {dataset.title} as CSV
            </a>{" "}
            ·{" "}
            <a href={`/open-data/${dataset.name}.json`} download>
              {dataset.title} as JSON
            </a>
          </p>
          <div
            className="table-scroll"
            role="region"
            aria-label={`${dataset.title}: fields`}
            tabIndex={0}
          >
            <table className="table">
              <caption>Fields of {dataset.title.toLowerCase()}</caption>
              <thead>
                <tr>
                  <th scope="col">Field</th>
                  <th scope="col">Type</th>
                  <th scope="col">Meaning</th>
                </tr>
              </thead>
              <tbody>
                {dataset.fields.map((field) => (
                  <tr key={field.name}>
                    <th scope="row">
                      <code>{field.name}</code>
                    </th>
                    <td>
                      {field.type}
                      {field.nullable ? " or empty" : ""}
                    </td>
                    <td>{field.description}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}

      <section aria-labelledby="dataset-listening">
        <h2 id="dataset-listening">Listening figures</h2>
        <p>
          The figures on How we listen, for a period and an area:{" "}
          <a href="/open-data/listening-figures.csv?period=12m" download>
            the last 12 months as CSV
          </a>{" "}
          ·{" "}
          <a href="/open-data/listening-figures.json?period=12m" download>
            as JSON
          </a>
          . Add <code>period</code> (<code>3m</code>, <code>6m</code>, <code>12m</code>,{" "}
          <code>5y</code>) and <code>area</code> (an area’s name in its web address, such as{" "}
          <code>riverside</code>); each page of How we listen links to its own figures.
        </p>
        <p>
          The CSV has one figure per row, in the columns{" "}
          {figureColumns.map((column, index) => (
            <span key={column}>
              {index ? ", " : ""}
              <code>{column}</code>
            </span>
          ))}
          . Shares are fractions from 0 to 1; times are in hours or days as the measure’s name says;
          an empty value means there was nothing to count. How each is counted is in the{" "}
          <Link to="/how-we-listen/methods">methods note</Link>.
        </p>
      </section>
    </>
  );
}
