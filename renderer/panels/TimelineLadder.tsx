/**
 * The lead-time ladder along the critical path: each step's process time on the lower rung and the
 * waiting before it on the upper rung (shared/metrics/ladder), drawn to scale, with the totals at the end.
 */
import type { FlowMetrics } from '../../shared/metrics/flow';
import { ladderRungs } from '../../shared/metrics/ladder';
import { formatPercent } from '../../shared/metrics/format';
import { formatDuration } from '../../shared/model/duration';
import type { VsmDocument } from '../../shared/model/schema';
import { VisibleName } from '../VisibleName';

export function TimelineLadder({ document, metrics }: { document: VsmDocument; metrics: FlowMetrics }) {
  const rungs = ladderRungs(document, metrics);
  const total = metrics.leadTime || 1;
  const { calendar } = document;
  return (
    <section className="ladder" aria-labelledby="ladder-heading">
      <h2 id="ladder-heading">Timeline along the critical path</h2>
      {rungs.length === 0 ? (
        <p className="empty">Add steps to see the timeline.</p>
      ) : (
        <div className="ladder-body">
          <ol className="ladder-rungs">
            {rungs.map(({ step, wait, work }) => (
              <li
                key={step.id}
                // To scale: the waiting on the upper rung, then the work on the lower one.
                style={{
                  flexGrow: wait + work + total / 100,
                  gridTemplateColumns: `${wait + total / 200}fr ${work + total / 200}fr`,
                }}
                aria-label={`${step.name}: waiting ${formatDuration(wait, calendar)}, working ${formatDuration(work, calendar)}`}
              >
                <span className="rung-wait">{formatDuration(wait, calendar)}</span>
                <span className="rung-work">{formatDuration(work, calendar)}</span>
                <span className="rung-name">
                  <VisibleName text={step.name} />
                </span>
              </li>
            ))}
          </ol>
          <dl className="ladder-totals">
            <dt>Waiting</dt>
            <dd>{formatDuration(metrics.waitTime, calendar)}</dd>
            <dt>Working</dt>
            <dd>{formatDuration(metrics.processTime, calendar)}</dd>
            <dt>Flow efficiency</dt>
            <dd>{formatPercent(metrics.flowEfficiency)}</dd>
          </dl>
        </div>
      )}
    </section>
  );
}
