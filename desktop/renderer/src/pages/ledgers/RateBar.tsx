// A completeness rate as a figure and a bar, coloured by how far it falls short.
import { formatPercent } from '../../format/time';

export function RateBar({ rate }: { rate: number }) {
  const tone = rate >= 0.9 ? 'ok' : rate >= 0.6 ? 'warn' : 'bad';
  return (
    <span className={`ledger-rate rate-${tone}`}>
      <span className="ledger-rate-bar">
        <span style={{ width: `${Math.round(rate * 100)}%` }} />
      </span>
      <span className="ledger-rate-figure">{formatPercent(rate)}</span>
    </span>
  );
}

/** The two cells of a completeness row: records kept of those due, and the rate. */
export function KeptCells({ row, testId }: { row: { present: number; required: number; rate: number }; testId?: string }) {
  return (
    <>
      <td data-testid={testId}>
        {row.present}/{row.required}
      </td>
      <td>
        <RateBar rate={row.rate} />
      </td>
    </>
  );
}
