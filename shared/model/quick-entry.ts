/**
 * The editor's quick entry line: one step typed in one go, as people say it in a workshop.
 *
 *     name, team, PT/LT, %C&A, wait W        e.g.  Code review, dev, 2h/2d, 85%, wait 1d
 *
 * The name comes first; the other parts are optional, in any order, each known by its form: a part
 * ending in `%` is the %C&A, one starting with `wait` the wait of the handoff into the new step,
 * one starting with a digit the process time (and, after a `/`, the lead time; without it the lead
 * time is the process time), any other the team, by its name or id, case-insensitive, or the start
 * of exactly one team's name or id. Durations are read as the inspector reads them
 * ({@link parseDuration}); a problem names the part it is in ("Team: no team called "qa"…").
 */
import { type Calendar, parseDuration } from './duration';
import type { Team } from './schema';

export interface QuickEntry {
  name: string;
  /** The id of the team named, when a team was named. */
  team?: string;
  processTime?: number;
  leadTime?: number;
  percentCompleteAccurate?: number;
  /** The wait of the handoff into the new step. */
  waitTime?: number;
}

export type QuickEntryResult = { ok: true; entry: QuickEntry } | { ok: false; error: string };

/** What the line says, or the first problem in it, naming its part. */
export function parseQuickEntry(line: string, teams: readonly Team[], calendar: Calendar): QuickEntryResult {
  const [first = '', ...rest] = line.split(',').map((part) => part.trim());
  if (first === '')
    return { ok: false, error: 'Name: the line starts with the step’s name, e.g. "Code review, dev, 2h/2d, 85%".' };
  const entry: QuickEntry = { name: first };
  const given = new Set<string>();
  for (const part of rest) {
    if (part === '') continue;
    const kind = kindOf(part);
    if (given.has(kind)) return { ok: false, error: `${PART_LABELS[kind]}: given twice (in "${part}").` };
    given.add(kind);
    const problem = readPart(kind, part, entry, teams, calendar);
    if (problem !== undefined) return { ok: false, error: `${PART_LABELS[kind]}: ${problem}` };
  }
  return { ok: true, entry };
}

type PartKind = 'team' | 'times' | 'percent' | 'wait';

const PART_LABELS: Record<PartKind, string> = {
  team: 'Team',
  times: 'Process time',
  percent: '%C&A',
  wait: 'Wait time',
};

function kindOf(part: string): PartKind {
  if (part.endsWith('%')) return 'percent';
  if (/^wait(?![a-z])/i.test(part)) return 'wait';
  if (/^[\d.]/.test(part)) return 'times';
  return 'team';
}

/** Reads one part into the entry; returns what is wrong with it, or undefined. */
function readPart(
  kind: PartKind,
  part: string,
  entry: QuickEntry,
  teams: readonly Team[],
  calendar: Calendar,
): string | undefined {
  switch (kind) {
    case 'percent': {
      // Its range is the step's own rule: adding the step refuses one over 100%.
      const text = part.slice(0, -1).trim();
      const value = Number(text);
      if (text === '' || !Number.isFinite(value)) return `"${part}" is not a percentage, like "85%".`;
      entry.percentCompleteAccurate = value;
      return undefined;
    }
    case 'wait': {
      const wait = parseDuration(part.slice('wait'.length), calendar);
      if (!wait.ok) return `${wait.reason}.`;
      entry.waitTime = wait.minutes;
      return undefined;
    }
    case 'times': {
      const [processText = '', leadText, ...more] = part.split('/');
      if (more.length > 0)
        return `"${part}" has more than one "/"; write the process time, then the lead time: "2h/2d".`;
      const processTime = parseDuration(processText, calendar);
      if (!processTime.ok) return `${processTime.reason}.`;
      entry.processTime = processTime.minutes;
      if (leadText === undefined) return undefined;
      const leadTime = parseDuration(leadText, calendar);
      if (!leadTime.ok) return `(lead time, after the "/") ${leadTime.reason}.`;
      entry.leadTime = leadTime.minutes;
      return undefined;
    }
    case 'team': {
      const found = findTeam(part, teams);
      if (typeof found === 'string') return found;
      entry.team = found.id;
      return undefined;
    }
  }
}

/** The team called `text` (name or id, any case), or the only one whose name or id starts with it; else why not. */
function findTeam(text: string, teams: readonly Team[]): Team | string {
  const wanted = text.toLowerCase();
  const exact = teams.filter((team) => team.name.toLowerCase() === wanted || team.id.toLowerCase() === wanted);
  if (exact.length === 1) return exact[0]!;
  const starting = teams.filter(
    (team) => team.name.toLowerCase().startsWith(wanted) || team.id.toLowerCase().startsWith(wanted),
  );
  if (starting.length === 1) return starting[0]!;
  const names = (list: readonly Team[]) => list.map((team) => `"${team.name}"`).join(', ');
  if (starting.length > 1) return `"${text}" could be ${names(starting)}; write more of the name.`;
  if (teams.length === 0) return `no team called "${text}", and the map has no teams yet (add them in the inspector).`;
  return `no team called "${text}"; the teams are ${names(teams)}.`;
}
