/**
 * The comparison's headline: one tile per figure that tells what the change buys, with the change
 * as `vsm compare` prints it (the lead time's relative change largest), before → after, and
 * whether it is better or worse in words as well as colour.
 */
import type { ComparedMetric, Comparison } from '../../shared/metrics/compare';
import { formatChange, formatMetric, formatMetricDelta, METRIC_INFO } from '../../shared/metrics/format';
import type { VsmDocument } from '../../shared/model/schema';

/** The figures of the tiles, in their order. */
const TILES: { metric: ComparedMetric; label: string }[] = [
  { metric: 'leadTime', label: METRIC_INFO.leadTime.label },
  { metric: 'processTime', label: METRIC_INFO.processTime.label },
  { metric: 'flowEfficiency', label: METRIC_INFO.flowEfficiency.label },
  { metric: 'rolledCompleteAccurate', label: METRIC_INFO.rolledCompleteAccurate.label },
  { metric: 'reworkAdjustedLeadTime', label: METRIC_INFO.reworkAdjustedLeadTime.label },
  { metric: 'handoffs', label: METRIC_INFO.handoffs.label },
  { metric: 'crossTeamHandoffs', label: 'Walls (cross-team)' },
];

export type Verdict = 'better' | 'worse' | 'unchanged';

/** Less time and fewer handoffs are better; a higher ratio is better. */
export function verdict(metric: ComparedMetric, delta: number | null): Verdict {
  if (delta === null || delta === 0) return 'unchanged';
  const higherIsBetter = METRIC_INFO[metric].kind === 'ratio';
  return delta > 0 === higherIsBetter ? 'better' : 'worse';
}

const VERDICT_WORDS: Record<Verdict, string> = { better: 'better', worse: 'worse', unchanged: 'no change' };

export function DeltaTiles({
  before,
  after,
  comparison,
}: {
  before: VsmDocument;
  after: VsmDocument;
  comparison: Comparison;
}) {
  return (
    <ul className="delta-tiles" aria-label="What the change buys">
      {TILES.map(({ metric, label }) => {
        const { before: valueBefore, after: valueAfter, delta } = comparison.metrics[metric];
        const judged = verdict(metric, delta);
        // Durations after the change in the calendar of the map after, as `vsm compare` prints them.
        const change = formatMetricDelta(metric, delta, after.calendar);
        const relative = metric === 'leadTime' ? formatChange(comparison.leadTimeChange) : undefined;
        // Spaces between the parts: a screen reader reads the tile as one line of text.
        return (
          <li key={metric} className={`delta-tile ${judged}`} data-metric={metric}>
            <span className="delta-label">{label}</span> <span className="delta-change">{relative ?? change}</span>{' '}
            {relative !== undefined && (
              <>
                <span className="delta-detail">{change}</span>{' '}
              </>
            )}
            <span className="delta-verdict">{VERDICT_WORDS[judged]}</span>{' '}
            <span className="delta-values">
              {formatMetric(metric, valueBefore, before.calendar)} → {formatMetric(metric, valueAfter, after.calendar)}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
