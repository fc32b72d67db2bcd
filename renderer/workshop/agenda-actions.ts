/**
 * The agenda's actions (shared/actions.ts, its own block) as a screen binds them: the editor and
 * presentation mode run the same stage and timer keys on the map's one agenda.
 */
import { useEffect, useMemo, useState } from 'react';
import { call } from '../api/client';
import type { BoundAction } from '../actions';
import type { MapSummary } from '../../shared/api/types';
import type { FlowMetrics } from '../../shared/metrics/flow';
import type { MapState, VsmDocument } from '../../shared/model/schema';
import { STAGE_BY_ID, stepStage } from '../../shared/workshop/agenda';
import { extendTimer, isRunning, pauseTimer, startTimer } from '../../shared/workshop/timer';
import { type AgendaState, goToStage, resetTimer } from './agenda-state';
import { useAgenda } from './useAgenda';

export type AgendaUpdate = (change: (agenda: AgendaState) => AgendaState) => void;

type StageAndTimerAction = 'nextStage' | 'previousStage' | 'startPauseTimer' | 'extendTimer' | 'resetTimer';

/** What the stage and timer keys do; they do nothing while the agenda is hidden. */
export function agendaActions(agenda: AgendaState, update: AgendaUpdate): Record<StageAndTimerAction, BoundAction> {
  const disabled = !agenda.shown;
  return {
    nextStage: {
      run: () => {
        update((now) => goToStage(now, stepStage(now, now.current, 1)));
      },
      disabled,
    },
    previousStage: {
      run: () => {
        update((now) => goToStage(now, stepStage(now, now.current, -1)));
      },
      disabled,
    },
    startPauseTimer: {
      run: () => {
        update((now) => ({
          ...now,
          timer: isRunning(now.timer) ? pauseTimer(now.timer, Date.now()) : startTimer(now.timer, Date.now()),
        }));
      },
      disabled,
    },
    extendTimer: {
      run: () => {
        update((now) => ({ ...now, timer: extendTimer(now.timer) }));
      },
      disabled,
    },
    resetTimer: {
      run: () => {
        update(resetTimer);
      },
      disabled,
    },
  };
}

/** The time now, drawn again four times a second while `running` (the clock itself is timestamps). */
export function useClock(running: boolean): number {
  const [, setTick] = useState(0);
  useEffect(() => {
    if (!running) return undefined;
    const interval = setInterval(() => {
      setTick((tick) => tick + 1);
    }, 250);
    return () => {
      clearInterval(interval);
    };
  }, [running]);
  return Date.now();
}

/**
 * The states of the maps of the open map's stream (the future-state and compare stages ask whether
 * there is a future state); null until the library has answered, or when it could not.
 */
export function useStreamStates(streamId: string, shown: boolean): readonly MapState[] | null {
  const [states, setStates] = useState<readonly MapState[] | null>(null);
  useEffect(() => {
    if (!shown) return undefined;
    let current = true;
    call('listLibrary', {})
      .then(({ streams }) => {
        const stream = streams.find((candidate) => candidate.id === streamId);
        if (current)
          setStates(stream ? stream.maps.filter((map) => map.trashedAt === null).map((map) => map.state) : null);
      })
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, [streamId, shown]);
  return states;
}

/**
 * The agenda as the editor has it: its state, its actions (showing it or not, and the stage and
 * timer keys), the states of the stream's maps, and what the current stage highlights on the canvas.
 */
export function useEditorAgenda(summary: MapSummary, document: VsmDocument, metrics: FlowMetrics) {
  const [agenda, update] = useAgenda(summary.id);
  const streamStates = useStreamStates(summary.streamId, agenda.shown);
  const highlight = useMemo(
    () => (agenda.shown ? STAGE_BY_ID[agenda.current].concerns({ document, metrics, streamStates }) : undefined),
    [agenda.shown, agenda.current, document, metrics, streamStates],
  );
  const bound = {
    ...agendaActions(agenda, update),
    toggleAgenda: {
      run: () => {
        update((now) => ({ ...now, shown: !now.shown }));
      },
      pressed: agenda.shown,
    },
  };
  return { agenda, update, streamStates, highlight, bound };
}
