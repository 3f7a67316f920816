import type { ReactNode } from 'react';

/**
 * A chart's text alternative (WCAG 1.1.1): the canvas is an image named by a one-line summary. Where the page shows
 * no table of the same figures, `points` gives one, read by screen readers and hidden on screen.
 */
export function ChartFigure(props: {
  summary: string;
  children: ReactNode;
  points?: { head: string[]; rows: (string | number)[][] };
}) {
  return (
    <figure style={{ margin: 0 }}>
      <div role="img" aria-label={props.summary}>
        {props.children}
      </div>
      {props.points && (
        <table className="zl-sr-only">
          <caption>{props.summary}</caption>
          <thead>
            <tr>
              {props.points.head.map((h) => (
                <th key={h} scope="col">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {props.points.rows.map((r, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the points are a fixed series, in order
              <tr key={i}>
                {r.map((c, j) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: cells of one row, in column order
                  <td key={j}>{c}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </figure>
  );
}
