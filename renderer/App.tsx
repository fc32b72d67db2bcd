import { useSyncExternalStore } from 'react';
import { LibraryScreen } from './library/LibraryScreen';
import { MapScreen } from './map/MapScreen';

/** The screen follows the address: `#/` the library (`#/?new` with the new-stream form open), `#/map/ID` a map. */
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

export function App() {
  const hash = useHash();
  const mapId = /^#\/map\/([\w-]+)$/.exec(hash)?.[1];
  return mapId ? <MapScreen key={mapId} id={mapId} /> : <LibraryScreen key={hash} startCreating={hash === '#/?new'} />;
}
