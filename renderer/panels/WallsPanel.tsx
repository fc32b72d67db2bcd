/** The walls of confusion of a map, the largest delay first: the side panel's table, and a strip over the canvas. */
import { handoffKey } from '../../shared/metrics/compare';
import type { FlowMetrics, Wall } from '../../shared/metrics/flow';
import { formatPercent } from '../../shared/metrics/format';
import { wallsWorstFirst } from '../../shared/metrics/headline';
import { visibleText } from '../../shared/model/visible-text';
import { formatDuration } from '../../shared/model/duration';
import type { VsmDocument } from '../../shared/model/schema';
import { SEVERITY_COLOURS, SEVERITY_LETTERS } from '../../shared/picture/palette';
import { VisibleName } from '../VisibleName';

export function WallsPanel({
  document,
  metrics,
  onFocus,
}: {
  document: VsmDocument;
  metrics: FlowMetrics;
  /** Shows a wall on the canvas. */
  onFocus?: (wall: Wall) => void;
}) {
  const step = new Map(document.steps.map((s) => [s.id, s.name]));
  const team = new Map(document.teams.map((t) => [t.id, t.name]));
  return (
    <section className="panel" aria-labelledby="walls-heading">
      <h2 id="walls-heading">Walls of confusion</h2>
      {metrics.walls.length === 0 ? (
        <p className="empty">No handoffs between teams.</p>
      ) : (
        <table className="walls">
          <thead>
            <tr>
              <th scope="col">Between teams</th>
              <th scope="col">Delay</th>
              <th scope="col">Share</th>
              <th scope="col">%C&amp;A</th>
              <th scope="col">Severity</th>
            </tr>
          </thead>
          <tbody>
            {wallsWorstFirst(metrics.walls).map((wall) => (
              <tr key={handoffKey(wall.from, wall.to)} className={`severity-${wall.severity}`}>
                <th scope="row">
                  {onFocus ? (
                    <button
                      type="button"
                      className="link"
                      onClick={() => {
                        onFocus(wall);
                      }}
                      aria-label={`Show the wall ${team.get(wall.fromTeam)} → ${team.get(wall.toTeam)} (${step.get(wall.from)} → ${step.get(wall.to)}) on the map`}
                    >
                      <VisibleName text={team.get(wall.fromTeam)} /> → <VisibleName text={team.get(wall.toTeam)} />
                    </button>
                  ) : (
                    <>
                      <VisibleName text={team.get(wall.fromTeam)} /> → <VisibleName text={team.get(wall.toTeam)} />
                    </>
                  )}
                  <span className="wall-steps">
                    <VisibleName text={step.get(wall.from)} /> → <VisibleName text={step.get(wall.to)} />
                    {wall.critical ? ' (critical path)' : ''}
                  </span>
                </th>
                <td>{formatDuration(wall.delay, document.calendar)}</td>
                <td>{formatPercent(wall.delayShare)}</td>
                <td>{formatPercent(wall.completeAccurate)}</td>
                <td>
                  <span className={`severity ${wall.severity}`}>{wall.severity}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/**
 * The walls over the canvas when the side panel is hidden (on a projector): one button a wall, the
 * worst first, with its severity, delay and teams; each shows its wall on the map.
 */
export function WallsStrip({
  document,
  metrics,
  onFocus,
}: {
  document: VsmDocument;
  metrics: FlowMetrics;
  onFocus: (wall: Wall) => void;
}) {
  if (metrics.walls.length === 0) return null;
  const step = new Map(document.steps.map((s) => [s.id, s.name]));
  const team = new Map(document.teams.map((t) => [t.id, t.name]));
  return (
    <section className="walls-strip" aria-labelledby="walls-strip-heading">
      <h2 id="walls-strip-heading">Walls</h2>
      <ol>
        {wallsWorstFirst(metrics.walls).map((wall) => (
          <li key={handoffKey(wall.from, wall.to)}>
            <button
              type="button"
              className="wall-chip"
              style={{ borderColor: SEVERITY_COLOURS[wall.severity] }}
              title={`${visibleText(step.get(wall.from) ?? '')} → ${visibleText(step.get(wall.to) ?? '')}: ${formatPercent(wall.delayShare)} of the lead time, ${wall.severity} severity. Show it on the map.`}
              onClick={() => {
                onFocus(wall);
              }}
            >
              <span className="wall-chip-mark">
                {SEVERITY_LETTERS[wall.severity]} {formatDuration(wall.delay, document.calendar)}
              </span>{' '}
              <VisibleName text={team.get(wall.fromTeam)} /> → <VisibleName text={team.get(wall.toTeam)} />
            </button>
          </li>
        ))}
      </ol>
    </section>
  );
}
