import { memo, useMemo, useRef, useState } from 'react';
import { bracketColour } from '../../charts/palette.ts';
import type { BracketModel } from '../../store/selectors/brackets.ts';
import { PlannedSlot, TrialChip } from './TrialChip.tsx';
import { useConnectors, type Link } from './useConnectors.ts';
import styles from './BracketCard.module.css';

interface BracketCardProps {
  bracket: BracketModel;
  showIteration: boolean;
  selectedTrialId: string | null;
}

/** One bracket: a column per round, a chip per planned slot, arrows from parents to promoted children. */
export const BracketCard = memo(function BracketCard({ bracket, showIteration, selectedTrialId }: BracketCardProps) {
  const body = useRef<HTMLDivElement>(null);
  const [hovered, setHovered] = useState<string | null>(null);
  const links = useMemo<Link[]>(
    () => bracket.rounds.flatMap((r) => r.slots.flatMap((t) => (t?.run.parentId ? [{ from: t.run.parentId, to: t.trialId }] : []))),
    [bracket],
  );
  const connectors = useConnectors(body, links);
  const related = new Set(hovered ? links.filter((l) => l.from === hovered || l.to === hovered).flatMap((l) => [l.from, l.to]) : []);
  return (
    <article className={styles.card} style={{ borderTopColor: bracketColour(bracket.bracket) }} aria-label={`Bracket ${bracket.bracket}`}>
      <h3>
        Bracket {bracket.bracket}
        {showIteration && <span className="faint"> · iteration {bracket.iteration}</span>}
        <span className="faint"> · {bracket.rounds.length} round{bracket.rounds.length === 1 ? '' : 's'}</span>
      </h3>
      {/* A Tab stop of its own: on a narrow screen it scrolls sideways, and its trials may not be buttons yet. */}
      <div className={styles.scroll} tabIndex={0} role="group" aria-label={`Bracket ${bracket.bracket} rounds`}>
        <div className={styles.body} ref={body}>
          <svg className={styles.connectors} aria-hidden="true">
            <defs>
              <marker id={`arrow-${bracket.iteration}-${bracket.bracket}`} viewBox="0 0 8 8" refX="7" refY="4" markerWidth="7" markerHeight="7" orient="auto">
                <path d="M0,0 L8,4 L0,8 z" className={styles.connectorHead} />
              </marker>
            </defs>
            {connectors.map((c) => (
              <path key={`${c.from}-${c.to}`} d={c.path} className={`${styles.connector}${related.has(c.to) && related.has(c.from) ? ` ${styles.isHighlighted}` : ''}`} markerEnd={`url(#arrow-${bracket.iteration}-${bracket.bracket})`} />
            ))}
          </svg>
          {bracket.rounds.map((round) => (
            <div key={round.round} className={styles.roundColumn}>
              <p className={styles.roundTitle}>
                Round {round.round} <span className="faint">· {round.initialEpoch > 0 ? `epochs ${round.initialEpoch}→${round.epochs}` : `${round.epochs} epoch${round.epochs === 1 ? '' : 's'}`}</span>
              </p>
              <div className={styles.roundSlots}>
                {round.slots.map((trial, index) =>
                  trial ? (
                    <TrialChip key={trial.trialId} trial={trial} selected={trial.trialId === selectedTrialId} highlighted={related.has(trial.trialId)} onHover={setHovered} />
                  ) : (
                    <PlannedSlot key={`planned-${index}`} />
                  ),
                )}
              </div>
            </div>
          ))}
        </div>
      </div>
    </article>
  );
});
