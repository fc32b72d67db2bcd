/**
 * The `vsm/1` document (spec section 1) as zod schemas. Parsing turns every duration into minutes,
 * so the rest of Flowmap never sees duration text; a document that passes these schemas and
 * {@link ./validate} is one the metrics can trust.
 */
import * as z from 'zod';
import { CAPABILITY_IDS } from './capabilities';
import { type Calendar, DEFAULT_CALENDAR, formatDuration, parseDuration } from './duration';

export const FORMAT = 'vsm/1';

const MAX_NAME = 200;
const MAX_ID = 100;
const MAX_NOTES = 10_000;
const MAX_COORDINATE = 1e7;

/**
 * The most parts a map may have (docs/spec-notes.md, "Sizes"): well beyond any workshop's map, and
 * what the editor's canvas and the reports still draw in seconds. {@link ./validate} refuses a
 * larger map before reading its parts.
 */
export const MAP_LIMITS = {
  teams: { most: 200, noun: 'team' },
  steps: { most: 1_000, noun: 'step' },
  handoffs: { most: 5_000, noun: 'handoff' },
  ideas: { most: 2_000, noun: 'idea' },
  participants: { most: 500, noun: 'participant' },
} as const;

/** The shortest working day and week: below them durations in days or weeks stop making sense. */
export const MIN_HOURS_PER_DAY = 0.25;
export const MIN_DAYS_PER_WEEK = 0.5;

const text = (max: number) =>
  z
    .string()
    .max(max)
    .refine((value) => value.trim() !== '', { error: 'must not be empty' });

const id = text(MAX_ID);
const count = (max: number) => z.number().int().min(0).max(max);

/** A duration field: minutes or text like `"2d 4h"`, read in the document's calendar. */
function duration(calendar: Calendar) {
  return z.unknown().transform((value, ctx) => {
    if (value === undefined) {
      ctx.addIssue({ code: 'custom', message: 'is required' });
      return z.NEVER;
    }
    const result = parseDuration(value, calendar);
    if (!result.ok) {
      ctx.addIssue({ code: 'custom', message: result.reason });
      return z.NEVER;
    }
    return result.minutes;
  });
}

export const calendarSchema = z.strictObject({
  hoursPerDay: z.number().min(MIN_HOURS_PER_DAY).max(24).default(DEFAULT_CALENDAR.hoursPerDay),
  daysPerWeek: z.number().min(MIN_DAYS_PER_WEEK).max(7).default(DEFAULT_CALENDAR.daysPerWeek),
});

export const teamSchema = z.strictObject({ id, name: text(MAX_NAME) });

export const positionSchema = z.strictObject({
  x: z.number().min(-MAX_COORDINATE).max(MAX_COORDINATE),
  y: z.number().min(-MAX_COORDINATE).max(MAX_COORDINATE),
});

function stepFields(calendar: Calendar) {
  return z.strictObject({
    id,
    name: text(MAX_NAME),
    team: id.optional(),
    processTime: duration(calendar),
    leadTime: duration(calendar).optional(),
    percentCompleteAccurate: z.number().min(0).max(100).default(100),
    people: z.number().min(0).max(100_000).optional(),
    notes: z.string().max(MAX_NOTES).optional(),
    position: positionSchema.optional(),
  });
}

/** A step; its lead time defaults to its process time and may not be shorter. */
export function stepSchema(calendar: Calendar) {
  return stepFields(calendar).transform(({ leadTime, ...step }, ctx) => {
    if (leadTime !== undefined && leadTime < step.processTime) {
      const lt = formatDuration(leadTime, calendar);
      const pt = formatDuration(step.processTime, calendar);
      ctx.addIssue({
        code: 'custom',
        path: ['leadTime'],
        message: `is ${lt}, shorter than the process time (${pt}); lead time includes the process time`,
      });
    }
    return { ...step, leadTime: leadTime ?? step.processTime };
  });
}

export function handoffSchema(calendar: Calendar) {
  return z.strictObject({
    from: id,
    to: id,
    waitTime: duration(calendar).default(0),
    queue: count(1e9).optional(),
    rework: z.number().gt(0).lt(1).optional(),
  });
}

/** Where an idea stands in the plan that follows the workshop (spec section 6). */
export const IDEA_STATUSES = ['proposed', 'planned', 'doing', 'done', 'dropped'] as const;
export type IdeaStatus = (typeof IDEA_STATUSES)[number];

const MAX_VOTES = 1e6;

/**
 * Each participant's dots on an idea, keyed by participant id. Not `z.record`: zod leaves out a
 * `__proto__` key, and a participant id is any non-empty text (spec section 6), so a participant
 * called `__proto__` would lose their dots. The entries are checked as a Map and come back as the
 * object's own properties (`Object.fromEntries`), which no id can turn into its prototype.
 */
const votesBySchema = z
  .custom<object>((value) => typeof value === 'object' && value !== null && !Array.isArray(value), {
    error: 'must be an object of participant ids and their dots, like { ana: 2 }',
  })
  .transform((value) => new Map(Object.entries(value)))
  .pipe(z.map(id, count(MAX_VOTES)))
  .transform((dots): Record<string, number> => Object.fromEntries(dots));

/**
 * An improvement idea. With `votesBy` (each participant's dots) its votes are the sum of the dots;
 * a `votes` that says otherwise is an error naming both figures.
 */
export const ideaSchema = z
  .strictObject({
    id,
    text: text(2_000),
    step: id.optional(),
    votes: count(MAX_VOTES).optional(),
    capability: z.enum(CAPABILITY_IDS).optional(),
    votesBy: votesBySchema.optional(),
    status: z.enum(IDEA_STATUSES).optional(),
    owner: id.optional(),
    due: z.iso.date({ error: 'must be a date written YYYY-MM-DD, like 2027-03-31' }).optional(),
    effect: text(2_000).optional(),
  })
  .transform(({ votes, ...idea }, ctx) => {
    if (idea.votesBy === undefined) return { ...idea, votes: votes ?? 0 };
    const dots = Object.values(idea.votesBy).reduce((sum, n) => sum + n, 0);
    if (votes !== undefined && votes !== dots) {
      ctx.addIssue({
        code: 'custom',
        path: ['votes'],
        message: `is ${votes}, but the dots in votesBy add up to ${dots}; leave votes out, or make them agree`,
      });
      return z.NEVER;
    }
    return { ...idea, votes: dots };
  });

/** Someone in the workshop: they spend dots on ideas and may own them. */
export const participantSchema = z.strictObject({ id, name: text(MAX_NAME) });

const mapName = text(MAX_NAME);
const mapState = z.enum(['current', 'future']);

/** The map's own notes: the parking lot of the workshop. */
const mapNotes = z.string().max(MAX_NOTES).optional();

/** The map's own fields, as the editor changes them. */
export const mapHeaderSchema = z.strictObject({
  name: mapName,
  state: mapState,
  calendar: calendarSchema,
  notes: mapNotes,
});

/** The whole document, with durations read in `calendar` (the document's own). */
export function documentSchema(calendar: Calendar) {
  return z.strictObject({
    format: z.literal(FORMAT),
    name: mapName,
    state: mapState.default('current'),
    calendar: calendarSchema.default(DEFAULT_CALENDAR),
    notes: mapNotes,
    teams: z.array(teamSchema).default([]),
    steps: z.array(stepSchema(calendar)).default([]),
    handoffs: z.array(handoffSchema(calendar)).default([]),
    participants: z.array(participantSchema).default([]),
    ideas: z.array(ideaSchema).default([]),
  });
}

export type VsmDocument = z.output<ReturnType<typeof documentSchema>>;
export type Team = z.output<typeof teamSchema>;
export type Step = z.output<ReturnType<typeof stepSchema>>;
export type Handoff = z.output<ReturnType<typeof handoffSchema>>;
export type Idea = z.output<typeof ideaSchema>;
export type Participant = z.output<typeof participantSchema>;
export type Position = z.output<typeof positionSchema>;
export type MapState = VsmDocument['state'];

/**
 * What a map of each state is called when nothing names it: the library's current state (always) and a
 * new future state's first label, and a map without a library (the command line's exports).
 */
export const STATE_LABELS: Record<MapState, string> = { current: 'Current state', future: 'Future state' };

/** What a past revision of a map is called beside it: "In 3 months, revision 4". */
export function revisionLabel(label: string, revision: number): string {
  return `${label}, revision ${revision}`;
}

/** The fields each kind of object may have, for "did you mean" hints on unknown keys. */
export const KNOWN_FIELDS = {
  document: Object.keys(documentSchema(DEFAULT_CALENDAR).shape),
  calendar: Object.keys(calendarSchema.shape),
  teams: Object.keys(teamSchema.shape),
  steps: Object.keys(stepFields(DEFAULT_CALENDAR).shape),
  handoffs: Object.keys(handoffSchema(DEFAULT_CALENDAR).shape),
  ideas: Object.keys(ideaSchema.in.shape),
  participants: Object.keys(participantSchema.shape),
  position: Object.keys(positionSchema.shape),
} as const;
