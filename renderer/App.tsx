import { Component, type ReactNode, useSyncExternalStore } from 'react';
import { CompareScreen } from './compare/CompareScreen';
import { SIDE_PATTERN } from './compare/sides';
import { LibraryScreen } from './library/LibraryScreen';
import { MapScreen } from './map/MapScreen';
import { PresentCompareScreen } from './present/PresentCompareScreen';
import { PresentScreen } from './present/PresentScreen';

/**
 * The screen follows the address: `#/` the library (`#/?new` with the new-stream form open), `#/map/ID`
 * a map, `#/map/ID/present` its presentation, `#/compare/BEFORE/AFTER` two maps compared (a side
 * `ID@N`: revision N of map ID), `#/compare/BEFORE/AFTER/present` the comparison's presentation.
 */
function useHash(): string {
  return useSyncExternalStore(
    (onChange) => {
      window.addEventListener('hashchange', onChange);
      return () => {
        window.removeEventListener('hashchange', onChange);
      };
    },
    () => window.location.hash,
  );
}

const COMPARE_ROUTE = new RegExp(`^#/compare/(${SIDE_PATTERN})/(${SIDE_PATTERN})(/present)?$`);

export function App() {
  const hash = useHash();
  // `?step=ID`: the step the editor selects once the map is open ("Try it in the future state").
  const [, mapId, present, selectStep] = /^#\/map\/([\w-]+)(?:(\/present)|\?step=([^&]+))?$/.exec(hash) ?? [];
  const [, before, after, presentComparison] = COMPARE_ROUTE.exec(hash) ?? [];
  return (
    <ScreenErrorBoundary key={hash}>
      {before && after && presentComparison ? (
        <PresentCompareScreen before={before} after={after} />
      ) : before && after ? (
        <CompareScreen before={before} after={after} />
      ) : mapId && present ? (
        <PresentScreen key={mapId} id={mapId} />
      ) : mapId ? (
        <MapScreen key={mapId} id={mapId} selectStep={selectStep && decodedStep(selectStep)} />
      ) : (
        <LibraryScreen key={hash} startCreating={hash === '#/?new'} />
      )}
    </ScreenErrorBoundary>
  );
}

/** The step an address names; one that is not well encoded (`?step=%`) names none. */
function decodedStep(encoded: string): string | undefined {
  try {
    return decodeURIComponent(encoded);
  } catch {
    return undefined;
  }
}

/**
 * A screen that fails to draw shows what happened instead of a blank window. The editor's work is
 * not in the screen: what was saved is in the library, and what was not is in the map's draft,
 * which comes back when the map is opened again.
 */
class ScreenErrorBoundary extends Component<{ children: ReactNode }, { error: Error | undefined }> {
  override state: { error: Error | undefined } = { error: undefined };

  static getDerivedStateFromError(error: unknown): { error: Error } {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <div className="map-screen">
        <header className="topbar">
          <h1>Something went wrong</h1>
        </header>
        <main>
          <div className="message error screen-error" role="alert">
            <p>This screen could not be shown: {error.message}</p>
            <p>
              Your maps are safe: what was saved is in the library, and changes not saved yet are kept as a draft that
              comes back when the map is opened again.
            </p>
            <button
              type="button"
              className="primary"
              onClick={() => {
                window.location.hash = '#/';
                this.setState({ error: undefined });
              }}
            >
              Back to the library
            </button>
          </div>
        </main>
      </div>
    );
  }
}
