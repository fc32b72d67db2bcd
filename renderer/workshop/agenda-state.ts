/**
 * The room's agenda for one map: whether it is shown, the stages' order, the skipped ones, their
 * timeboxes, the current stage and its timer. Settings of the room, not of the document (the `vsm/1` format has
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
  STAGE_IDS,
  STAGES,
  type StageId,
} from '../../shared/workshop/agenda';
import { hasStarted, LONGEST_MS, MINUTE_MS, newTimer, type Timer } from '../../shared/workshop/timer';

export interface AgendaState extends AgendaPlan {
  /** Shown in the editor and in presentation mode; off until a facilitator turns it on. */
  shown: boolean;
  /** Each stage's timebox in this workshop, in minutes: its default until a facilitator sets it. */
  timeboxes: Record<StageId, number>;
  current: StageId;
  timer: Timer;
}

/** The shortest and the longest timebox a facilitator can set, in whole minutes: up to the timer's longest. */
export const TIMEBOX_MINUTES = { min: 1, max: LONGEST_MS / MINUTE_MS } as const;

export const agendaKey = (mapId: string) => `flowmap.agenda.${mapId}`;

const stageId = z.enum(STAGE_IDS);
const timeboxMinutes = z.number().int().min(TIMEBOX_MINUTES.min).max(TIMEBOX_MINUTES.max);
const defaultTimeboxes = () =>
  Object.fromEntries(STAGES.map((stage) => [stage.id, stage.minutes])) as Record<StageId, number>;
// A state from before the timeboxes were kept has none: the defaults. A stage's minutes that are not
// a timebox cost that stage its own, not the others theirs; stages this build does not know are dropped.
const timeboxesSchema = z
  .object(
    Object.fromEntries(STAGES.map((stage) => [stage.id, timeboxMinutes.catch(stage.minutes)])) as Record<
      StageId,
      z.ZodCatch<z.ZodNumber>
    >,
  )
  .catch(defaultTimeboxes);
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
  timeboxes: timeboxesSchema,
  current: stageId,
  // A timer that is not one costs the stage its clock, not the room its agenda.
  timer: z.unknown(),
});

export function defaultAgenda(): AgendaState {
  const current = firstStage(DEFAULT_PLAN);
  const timeboxes = defaultTimeboxes();
  return { ...DEFAULT_PLAN, shown: false, timeboxes, current, timer: newTimer(timeboxes[current]) };
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
      timer: timer.success ? timer.data : newTimer(parsed.data.timeboxes[parsed.data.current]),
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
  return stage === agenda.current ? agenda : { ...agenda, current: stage, timer: newTimer(agenda.timeboxes[stage]) };
}

/** The current stage's timer started again: its timebox, not started. */
export function resetTimer(agenda: AgendaState): AgendaState {
  return { ...agenda, timer: newTimer(agenda.timeboxes[agenda.current]) };
}

/**
 * A stage's timebox set to `minutes` (whole, within TIMEBOX_MINUTES). The current stage's clock
 * follows while it has not started; once started, it keeps its time until it is reset.
 */
export function setTimebox(agenda: AgendaState, stage: StageId, minutes: number): AgendaState {
  const changed = { ...agenda, timeboxes: { ...agenda.timeboxes, [stage]: minutes } };
  return stage === agenda.current && !hasStarted(agenda.timer) ? resetTimer(changed) : changed;
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
