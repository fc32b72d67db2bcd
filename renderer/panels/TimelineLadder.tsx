/**
 * The lead-time ladder along the critical path: each step's process time on the lower rung and the
 * waiting before it on the upper rung (shared/metrics/ladder), drawn to scale, with the totals at the end.
 * A rung cut short shows its whole name and figures as a tooltip; a click on it selects its step.
 * On a long path the ladder scrolls sideways inside itself, never widening the page. Two ladders
 * compared stand on one time axis: each is as long as its lead time on a scale of the longer one.
 */
import { useId } from 'react';
import type { FlowMetrics } from '../../shared/metrics/flow';
import { ladderRungs } from '../../shared/metrics/ladder';
import { formatPercent } from '../../shared/metrics/format';
import { formatDuration } from '../../shared/model/duration';
import type { VsmDocument } from '../../shared/model/schema';
import { visibleText } from '../../shared/model/visible-text';
import { VisibleName } from '../VisibleName';

export function TimelineLadder({
  document,
  metrics,
  onSelect,
  heading = 'Timeline along the critical path',
  scale,
}: {
  document: VsmDocument;
  metrics: FlowMetrics;
  /** Selects a step (and shows it on the canvas). */
  onSelect: (stepId: string) => void;
  heading?: string;
  /** The time the whole width stands for (minutes, at least the lead time); without it, the lead time. */
  scale?: number;
}) {
  const headingId = useId();
  const rungs = ladderRungs(document, metrics);
  const total = metrics.leadTime || 1;
  const { calendar } = document;
  const width = scale === undefined || scale <= 0 ? undefined : `${(100 * metrics.leadTime) / scale}%`;
  return (
    <section className="ladder" aria-labelledby={headingId}>
      <h2 id={headingId}>{heading}</h2>
      {rungs.length === 0 ? (
        <p className="empty">Add steps to see the timeline.</p>
      ) : (
        <div className="ladder-body">
          <div className="ladder-axis">
            <ol className="ladder-rungs" style={width === undefined ? undefined : { width }}>
              {rungs.map(({ step, wait, work }) => {
                const waiting = formatDuration(wait, calendar);
                const working = formatDuration(work, calendar);
                return (
                  <li
                    key={step.id}
                    // To scale: the waiting on the upper rung, then the work on the lower one.
                    style={{ flexGrow: wait + work + total / 100 }}
                  >
                    <button
                      type="button"
                      className="rung"
                      style={{ gridTemplateColumns: `${wait + total / 200}fr ${work + total / 200}fr` }}
                      title={`${visibleText(step.name)}: waiting ${waiting}, working ${working}`}
                      onClick={() => {
                        onSelect(step.id);
                      }}
                    >
                      {/* Read first, shown last (its grid area is the bottom row). */}
                      <span className="rung-name">
                        <VisibleName text={step.name} />
                      </span>
                      <span className="rung-wait">
                        <span className="visually-hidden">waiting </span>
                        {waiting}
                      </span>
                      <span className="rung-work">
                        <span className="visually-hidden">working </span>
                        {working}
                      </span>
                    </button>
                  </li>
                );
              })}
            </ol>
          </div>
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
