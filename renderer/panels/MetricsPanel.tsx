/** The flow metrics of a map, as spec section 5 prints them, and its critical path. */
import { COMPARED_METRICS } from '../../shared/metrics/compare';
import type { FlowMetrics } from '../../shared/metrics/flow';
import { formatMetric, METRIC_INFO } from '../../shared/metrics/format';
import type { VsmDocument } from '../../shared/model/schema';

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
      <h3>Critical path</h3>
      <ol className="critical-path">
        {metrics.criticalPath.map((id) => (
          <li key={id}>{names.get(id)}</li>
        ))}
      </ol>
    </section>
  );
}
