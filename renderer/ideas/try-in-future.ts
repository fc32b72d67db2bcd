/**
 * "Try it in the future state": the stream's future state opens with the idea's step selected. The
 * future state is the stream's most recently changed one; a stream without one gets one derived
 * from this map (as "New future state" in the library does), so the idea can be tried at once. The
 * step is the one a comparison pairs with the idea's (by id, then by name); without one the map
 * opens with nothing selected.
 */
import type { MapSummary } from '../../shared/api/types';
import { matchingStep } from '../../shared/metrics/compare';
import type { Idea, VsmDocument } from '../../shared/model/schema';
import { call } from '../api/client';

export async function tryInFutureState(summary: MapSummary, document: VsmDocument, idea: Idea): Promise<void> {
  const { streams } = await call('listLibrary', {});
  const futures = (streams.find((stream) => stream.id === summary.streamId)?.maps ?? []).filter(
    (map) => map.state === 'future' && map.id !== summary.id && map.trashedAt === null,
  );
  const future =
    futures.sort((a, b) => b.updatedAt - a.updatedAt)[0] ?? (await call('deriveFutureState', { id: summary.id }));
  const opened = await call('openMap', { id: future.id });
  const step = idea.step === undefined ? undefined : matchingStep(document, opened.document, idea.step);
  window.location.hash = `#/map/${future.id}${step === undefined ? '' : `?step=${encodeURIComponent(step)}`}`;
}
