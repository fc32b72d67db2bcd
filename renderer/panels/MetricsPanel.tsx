/** The flow metrics of a map, as spec section 5 prints them, and its critical path. */
import { COMPARED_METRICS } from '../../shared/metrics/compare';
import type { FlowMetrics } from '../../shared/metrics/flow';
import { formatMetric, METRIC_INFO } from '../../shared/metrics/format';
import type { VsmDocument } from '../../shared/model/schema';
import { visibleText } from '../../shared/model/visible-text';

export function MetricsPanel({ document, metrics }: { document: VsmDocument; metrics: FlowMetrics }) {
  const names = new Map(document.steps.map((step) => [step.id, step.name]));
  return (
    <section className="panel" aria-labelledby="metrics-heading">
      <h2 id="metrics-heading">Flow metrics</h2>
      <dl className="metrics">
        {COMPARED_METRICS.map((name) => (
          <div key={name} className="metric">
            <dt>{METRIC_INFO[name].label}</dt>
            <dd data-metric={name}>{formatMetric(name, metrics[name], document.calendar)}</dd>
          </div>
        ))}
      </dl>
      <p className="critical-path">
        <strong>Critical path:</strong>{' '}
        <bdi>{visibleText(metrics.criticalPath.map((id) => names.get(id)).join(' → ')) || 'no steps yet'}</bdi>
      </p>
    </section>
  );
}
