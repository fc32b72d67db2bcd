/**
 * The room's agenda for one map: whether it is shown, the stages' order, the skipped ones, the
 * current stage and its timer. Settings of the room, not of the document (the `vsm/1` format has
 * no field for them), kept in this browser's storage under `flowmap.agenda.<mapId>`, where the
 * editor and presentation mode of the map read the same one. A stored value is checked on read; a
 * damaged or old one gives the defaults.
 */
import type { RoomStorage } from '../state/room-storage';
import * as z from 'zod';
import {
  type AgendaPlan,
  completeOrder,
  DEFAULT_PLAN,
  firstStage,
  STAGE_BY_ID,
  STAGE_IDS,
  type StageId,
} from '../../shared/workshop/agenda';
import { LONGEST_MS, newTimer, type Timer } from '../../shared/workshop/timer';

export interface AgendaState extends AgendaPlan {
  /** Shown in the editor and in presentation mode; off until a facilitator turns it on. */
  shown: boolean;
  current: StageId;
  timer: Timer;
}

export const agendaKey = (mapId: string) => `flowmap.agenda.${mapId}`;

const stageId = z.enum(STAGE_IDS);
const timerSchema = z.strictObject({
  duration: z.number().int().min(0).max(LONGEST_MS),
  extensions: z.number().int().min(0).max(LONGEST_MS),
  startedAt: z.number().int().min(0).nullable(),
  remaining: z.number().int().min(-LONGEST_MS).max(LONGEST_MS),
});
const agendaSchema = z.strictObject({
  shown: z.boolean(),
  // An order from before a stage was added still holds every stage.
  order: z.array(z.string()).max(100).transform(completeOrder),
  skipped: z.array(stageId).max(STAGE_IDS.length),
  current: stageId,
  // A timer that is not one costs the stage its clock, not the room its agenda.
  timer: z.unknown(),
});

export function defaultAgenda(): AgendaState {
  const current = firstStage(DEFAULT_PLAN);
  return { ...DEFAULT_PLAN, shown: false, current, timer: newTimer(STAGE_BY_ID[current].minutes) };
}

/** The map's agenda as stored, or the defaults when there is none or it is not one. */
export function readAgenda(storage: RoomStorage, mapId: string): AgendaState {
  const text = storage.getItem(agendaKey(mapId));
  if (text === null) return defaultAgenda();
  try {
    const parsed = agendaSchema.safeParse(JSON.parse(text));
    if (!parsed.success) return defaultAgenda();
    const timer = timerSchema.safeParse(parsed.data.timer);
    return {
      ...parsed.data,
      timer: timer.success ? timer.data : newTimer(STAGE_BY_ID[parsed.data.current].minutes),
    };
  } catch {
    return defaultAgenda();
  }
}

export function writeAgenda(storage: RoomStorage, mapId: string, agenda: AgendaState): void {
  storage.setItem(agendaKey(mapId), JSON.stringify(agenda));
}

/** A stage made current: its own timebox, not started. */
export function goToStage(agenda: AgendaState, stage: StageId): AgendaState {
  return stage === agenda.current ? agenda : { ...agenda, current: stage, timer: newTimer(STAGE_BY_ID[stage].minutes) };
}

/** Skips a stage or takes it back; skipping the current one moves on to the next one the room takes. */
export function toggleSkipped(agenda: AgendaState, stage: StageId): AgendaState {
  if (agenda.skipped.includes(stage)) return { ...agenda, skipped: agenda.skipped.filter((id) => id !== stage) };
  const skipped = { ...agenda, skipped: [...agenda.skipped, stage] };
  return stage === agenda.current ? goToStage(skipped, firstAfter(skipped, stage)) : skipped;
}

/** The stage after a skipped one (else before it, else the first). */
function firstAfter(plan: AgendaPlan, stage: StageId): StageId {
  const at = plan.order.indexOf(stage);
  const later = plan.order.slice(at + 1).find((id) => !plan.skipped.includes(id));
  const earlier = plan.order.slice(0, at).findLast((id) => !plan.skipped.includes(id));
  return later ?? earlier ?? stage;
}
