/**
 * Charts drawn on the server as SVG, so they work without JavaScript. d3-scale does the
 * arithmetic of scales and bands. Each chart has a text alternative (its title and a
 * one-sentence summary), and the numbers are always in a table beside it (GOV.UK's
 * guidance on charts): the chart is for the eye, the table is the record.
 */
import { scaleBand, scaleLinear } from "d3-scale";
import { useId } from "react";

export interface BarDatum {
  label: string;
  value: number;
}

const WIDTH = 640;
const HEIGHT = 240;
const MARGIN = { top: 16, right: 8, bottom: 48, left: 40 };

/** A bar chart with its data table; `summary` is the chart's text alternative. */
export function BarChart({
  title,
  summary,
  data,
  valueLabel,
}: {
  title: string;
  summary: string;
  data: BarDatum[];
  valueLabel: string;
}) {
  const id = useId();
  const max = Math.max(1, ...data.map((d) => d.value));
  const x = scaleBand<string>()
    .domain(data.map((d) => d.label))
    .range([MARGIN.left, WIDTH - MARGIN.right])
    .padding(0.2);
  const y = scaleLinear()
    .domain([0, max])
    .nice()
    .range([HEIGHT - MARGIN.bottom, MARGIN.top]);
  const ticks = y.ticks(4);
  return (
    <figure className="chart">
      <figcaption id={`${id}-title`}>
        <strong>{title}</strong>
      </figcaption>
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-labelledby={`${id}-title ${id}-summary`}
        className="chart__svg"
      >
        {ticks.map((tick) => (
          <g key={tick}>
            <line
              x1={MARGIN.left}
              x2={WIDTH - MARGIN.right}
              y1={y(tick)}
              y2={y(tick)}
              className="chart__grid"
            />
            <text
              x={MARGIN.left - 6}
              y={y(tick)}
              dy="0.32em"
              textAnchor="end"
              className="chart__tick"
            >
              {tick}
            </text>
          </g>
        ))}
        {data.map((d) => (
          <rect
            key={d.label}
            x={x(d.label)}
            y={y(d.value)}
            width={x.bandwidth()}
            height={Math.max(0, HEIGHT - MARGIN.bottom - y(d.value))}
            className="chart__bar"
          />
        ))}
        {data.map((d, index) =>
          // Every label when they fit; otherwise every other one (the table has them all).
          data.length <= 12 || index % 2 === 0 ? (
            <text
              key={d.label}
              x={(x(d.label) ?? 0) + x.bandwidth() / 2}
              y={HEIGHT - MARGIN.bottom + 16}
              textAnchor="middle"
              className="chart__tick"
            >
              {d.label}
            </text>
          ) : null,
        )}
      </svg>
      <p id={`${id}-summary`} className="chart__summary">
        {summary}
      </p>
      <div className="table-scroll" role="region" aria-label={`${title}: data`} tabIndex={0}>
        <table>
          <caption className="visually-hidden">{title}</caption>
          <thead>
            <tr>
              <th scope="col">{title.split(" by ").at(-1) ?? "Item"}</th>
              <th scope="col">{valueLabel}</th>
            </tr>
          </thead>
          <tbody>
            {data.map((d) => (
              <tr key={d.label}>
                <th scope="row">{d.label}</th>
                <td>{d.value.toLocaleString("en-GB")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
