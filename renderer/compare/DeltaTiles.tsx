/**
 * The comparison's headline: one tile per figure that tells what the change buys, with the change
 * as `vsm compare` prints it (the lead time's relative change largest), before → after, and
 * whether it is better or worse in words as well as colour.
 */
import type { Comparison } from '../../shared/metrics/compare';
import { deltaFigures, type Verdict } from '../../shared/metrics/tables';
import type { Calendar } from '../../shared/model/duration';

const VERDICT_WORDS: Record<Verdict, string> = { better: 'better', worse: 'worse', unchanged: 'no change' };

/** `calendar`: the map after's, in which a comparison writes its durations. */
export function DeltaTiles({ comparison, calendar }: { comparison: Comparison; calendar: Calendar }) {
  return (
    <ul className="delta-tiles" aria-label="What the change buys">
      {deltaFigures(comparison, calendar).map((figure) => (
        // Spaces between the parts: a screen reader reads the tile as one line of text.
        <li key={figure.metric} className={`delta-tile ${figure.verdict}`} data-metric={figure.metric}>
          <span className="delta-label">{figure.label}</span> <span className="delta-change">{figure.change}</span>{' '}
          {figure.detail !== undefined && (
            <>
              <span className="delta-detail">{figure.detail}</span>{' '}
            </>
          )}
          <span className="delta-verdict">{VERDICT_WORDS[figure.verdict]}</span>{' '}
          <span className="delta-values">{figure.values}</span>
        </li>
      ))}
    </ul>
  );
}
