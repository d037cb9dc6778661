import { memo } from 'react';
import type { LeaderboardRow } from '../../store/selectors/leaderboard.ts';
import { selectTrial } from '../../store/viewActions.ts';
import { cellClass, type Column } from './columns.tsx';

interface LeaderboardRowViewProps {
  row: LeaderboardRow;
  columns: Column[];
  selected: boolean;
}

/** A trial's row; clicking it (or its id, from the keyboard) selects the trial everywhere. */
export const LeaderboardRowView = memo(function LeaderboardRowView({ row, columns, selected }: LeaderboardRowViewProps) {
  return (
    <tr className={selected ? 'is-selected' : undefined} data-testid={`trial-row-${row.trialId}`} data-status={row.status} data-diverged={row.divergence ? 'true' : undefined} data-score={row.score ?? undefined} onClick={() => selectTrial(row.trialId)}>
      {columns.map((column) =>
        column.key === 'trialId' ? (
          <th key={column.key} scope="row" className={cellClass(column)} data-column={column.key}>
            <button type="button" className="row-select" aria-pressed={selected} onClick={(e) => { e.stopPropagation(); selectTrial(row.trialId); }}>
              {column.render(row)}
            </button>
          </th>
        ) : (
          <td key={column.key} className={cellClass(column)} data-column={column.key} {...column.cellData}>
            {column.render(row)}
          </td>
        ),
      )}
    </tr>
  );
});
