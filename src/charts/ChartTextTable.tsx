import type { ChartText } from './chartText.ts';

/**
 * A chart's data as a table that only screen readers see; the drawing itself is hidden from them.
 * The hiding box wraps the table: a table is never narrower than its content, so on the table itself
 * the 1px box would not clip it and a phone's page would scroll sideways.
 */
export function ChartTextTable({ text, testId }: { text: ChartText; testId: string }) {
  return (
    <div className="visually-hidden">
      <table data-testid={testId}>
        <caption>{text.caption}</caption>
        <thead>
          <tr>
            {text.headers.map((header) => (
              <th key={header} scope="col">{header}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {text.rows.map((row, rowIndex) => (
            <tr key={rowIndex}>
              {row.map((cell, cellIndex) => (cellIndex === 0 ? <th key={cellIndex} scope="row">{cell}</th> : <td key={cellIndex}>{cell}</td>))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
