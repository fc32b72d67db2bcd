/** One map, read-only for now: the canvas, its flow metrics and walls of confusion. */
import { useEffect, useMemo, useState } from 'react';
import type { OpenedMap } from '../../shared/api/types';
import { computeMetrics } from '../../shared/metrics/flow';
import { call } from '../api/client';
import { MapCanvas } from '../canvas/MapCanvas';
import { errorText } from '../library/useLibrary';
import { MetricsPanel } from '../panels/MetricsPanel';
import { WallsPanel } from '../panels/WallsPanel';

export function MapScreen({ id }: { id: string }) {
  const [opened, setOpened] = useState<OpenedMap | undefined>();
  const [error, setError] = useState<string | undefined>();

  useEffect(() => {
    call('openMap', { id })
      .then(setOpened)
      .catch((failure: unknown) => {
        setError(errorText(failure));
      });
  }, [id]);

  const metrics = useMemo(() => (opened ? computeMetrics(opened.document) : undefined), [opened]);

  return (
    <div className="map-screen">
      <header className="topbar">
        <a href="#/" className="back">
          ← Library
        </a>
        <h1>
          {opened ? (
            <>
              {opened.document.name}{' '}
              <span className={`state-badge ${opened.summary.state}`}>{opened.summary.label}</span>
            </>
          ) : (
            'Map'
          )}
        </h1>
      </header>
      {error && <p role="alert">{error}</p>}
      {!opened && !error && <p role="status">Opening the map…</p>}
      {opened && metrics && (
        <div className="map-layout">
          <section className="canvas" aria-label="Map">
            <MapCanvas document={opened.document} metrics={metrics} />
          </section>
          <aside className="side">
            <MetricsPanel document={opened.document} metrics={metrics} />
            <WallsPanel document={opened.document} metrics={metrics} />
          </aside>
        </div>
      )}
    </div>
  );
}
