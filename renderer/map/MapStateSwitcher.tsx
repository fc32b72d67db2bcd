/**
 * Which state of its value stream the open map is ("Current state", "In 3 months"), and a switch to
 * the stream's other maps, or to the comparison of this map with one of them. The state is known
 * at once from the opened map; the other maps come from the library's listing.
 */
import { useEffect, useState } from 'react';
import type { MapSummary } from '../../shared/api/types';
import { call } from '../api/client';
import { compareHref, compareOrder } from '../compare/sides';
import { GoingSelect } from '../GoingSelect';
import { VisibleName } from '../VisibleName';
import { visibleText } from '../../shared/model/visible-text';

export function MapStateSwitcher({ summary }: { summary: MapSummary }) {
  const [maps, setMaps] = useState<MapSummary[]>([summary]);
  useEffect(() => {
    let current = true;
    call('listLibrary', {})
      .then(({ streams }) => {
        const stream = streams.find((candidate) => candidate.id === summary.streamId);
        if (current && stream) setMaps(stream.maps.filter((map) => map.trashedAt === null));
      })
      // Without the listing the state still shows; there is just nothing to switch to.
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, [summary.streamId]);

  if (maps.length < 2) {
    return (
      <span className={`map-state state-badge ${summary.state}`}>
        <span className="visually-hidden">Map state: </span>
        <VisibleName text={summary.label} />
      </span>
    );
  }
  return (
    <GoingSelect
      className={`map-state state-switcher ${summary.state}`}
      aria-label="Map state"
      title="Switch to another state of this value stream"
      value={summary.id}
      onGo={(value) => {
        const other = maps.find((map) => `${COMPARE}${map.id}` === value);
        window.location.hash = other ? compareHref(...compareOrder(summary, other)) : `#/map/${value}`;
      }}
    >
      {maps.map((map) => (
        <option key={map.id} value={map.id}>
          {visibleText(map.label)}
        </option>
      ))}
      <optgroup label="Compare with…">
        {maps
          .filter((map) => map.id !== summary.id)
          .map((map) => (
            <option key={map.id} value={`${COMPARE}${map.id}`}>
              {`Compare with ${visibleText(map.label)}`}
            </option>
          ))}
      </optgroup>
    </GoingSelect>
  );
}

/** The value of a "Compare with" option: this prefix and the other map's id. */
const COMPARE = 'compare:';
