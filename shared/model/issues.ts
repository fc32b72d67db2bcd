/**
 * Validation issues: where in the document (`steps[2].processTime`) and what is wrong, in plain
 * English, so that a facilitator can fix a hand-written file without reading a schema.
 */
import type * as z from 'zod';
import { KNOWN_FIELDS, MIN_DAYS_PER_WEEK, MIN_HOURS_PER_DAY } from './schema';

export interface Issue {
  /** The field's path, e.g. `steps[2].processTime`; empty for the document as a whole. */
  path: string;
  message: string;
}

/** `['steps', 2, 'processTime']` -> `steps[2].processTime`; a long unknown key is cut to its start. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((key, i) => {
      if (typeof key === 'number') return `[${key}]`;
      const name = String(key);
      const shown = name.length > MAX_KEY_SHOWN ? `${name.slice(0, MAX_KEY_SHOWN)}…` : name;
      return i === 0 ? shown : `.${shown}`;
    })
    .join('');
}

const MAX_KEY_SHOWN = 40;

/** One line for people: `steps[2].processTime: is required`. */
export function describeIssue(issue: Issue): string {
  return issue.path === '' ? `document: ${issue.message}` : `${issue.path}: ${issue.message}`;
}

/** At most this many issues are described; the rest are counted ("… and 1,234 more problems"). */
export const MAX_REPORTED_ISSUES = 100;

/** The first issues in document order, and how many more there are. */
export interface IssueReport {
  issues: Issue[];
  more: number;
}

/** An issue's lines for people, the last one saying how many more there are. */
export function describeIssues({ issues, more }: IssueReport): string[] {
  const lines = issues.map(describeIssue);
  if (more > 0) lines.push(moreProblems(more));
  return lines;
}

/** `… and 1,234 more problems`: the line that ends a report cut at {@link MAX_REPORTED_ISSUES}. */
export function moreProblems(more: number): string {
  return `… and ${more.toLocaleString('en-US')} more problem${more === 1 ? '' : 's'}`;
}

interface Candidate {
  section: number;
  index: number;
  order: number;
  path: readonly PropertyKey[];
  message: () => string;
}

/**
 * Gathers issues in any order and keeps the first {@link MAX_REPORTED_ISSUES} in document order
 * (by section as `sections` lists them, then by index, then as found), counting the others. A
 * message is only worded for an issue that is kept, so a file with a million problems costs no
 * more than one with a hundred beyond finding them.
 */
export class IssueCollector {
  private readonly kept: Candidate[] = [];
  private found = 0;

  constructor(
    private readonly sections: readonly string[],
    private readonly limit = MAX_REPORTED_ISSUES,
  ) {}

  get count(): number {
    return this.found;
  }

  add(path: readonly PropertyKey[], message: string | (() => string)): void {
    const [first, second] = path;
    const rank = typeof first === 'string' ? this.sections.indexOf(first) : -1;
    const candidate: Candidate = {
      section: rank === -1 ? this.sections.length : rank,
      index: typeof second === 'number' ? second : -1,
      order: this.found++,
      path,
      message: typeof message === 'string' ? () => message : message,
    };
    const { kept, limit } = this;
    if (kept.length === limit && !before(candidate, kept[limit - 1]!)) return;
    // Insertion into the short sorted list: at most `limit` moves, none once the list is full of earlier issues.
    let at = kept.length;
    while (at > 0 && before(candidate, kept[at - 1]!)) at--;
    kept.splice(at, 0, candidate);
    if (kept.length > limit) kept.pop();
  }

  /** Counts issues found but certainly not among the first (e.g. the 101st unknown key of one object). */
  skip(count: number): void {
    this.found += count;
  }

  /** Adds zod's issues (parsed with `reportInput: true`), each unknown key an issue of its own. */
  addZodIssues(issues: readonly z.core.$ZodIssue[]): void {
    for (const issue of issues) {
      if (issue.code !== 'unrecognized_keys') {
        this.add(issue.path, () => messageFor(issue));
        continue;
      }
      const known = knownFieldsAt(issue.path);
      // The keys of one object sort together, in order: beyond the limit none can be among the first.
      const shown = issue.keys.slice(0, this.limit);
      for (const key of shown) this.add([...issue.path, key], () => unknownKeyMessage(key, known));
      this.skip(issue.keys.length - shown.length);
    }
  }

  report(): IssueReport {
    return {
      issues: this.kept.map(({ path, message }) => ({ path: formatPath(path), message: message() })),
      more: this.found - this.kept.length,
    };
  }
}

function before(a: Candidate, b: Candidate): boolean {
  return (a.section - b.section || a.index - b.index || a.order - b.order) < 0;
}

/** Turns zod's issues (parsed with `reportInput: true`) into Flowmap's: the first of them, and how many more. */
export function fromZodIssues(issues: readonly z.core.$ZodIssue[]): IssueReport {
  const collector = new IssueCollector(KNOWN_FIELDS.document);
  collector.addZodIssues(issues);
  return collector.report();
}

function messageFor(issue: z.core.$ZodIssue): string {
  const field = issue.path[issue.path.length - 1];
  const hint = typeof field === 'string' && Object.hasOwn(FIELD_HINTS, field) ? ` (${FIELD_HINTS[field]})` : '';
  const message = genericMessage(issue);
  return issue.code === 'custom' || issue.code === 'invalid_value' ? message : message + hint;
}

/** What a field means, added to messages about its value. */
const FIELD_HINTS: Record<string, string> = {
  rework: 'a probability: 0.3 means 30% of the work is sent back',
  percentCompleteAccurate: 'a percentage from 0 to 100',
  hoursPerDay: `working hours in a day, from ${MIN_HOURS_PER_DAY} to 24`,
  daysPerWeek: `working days in a week, from ${MIN_DAYS_PER_WEEK} to 7`,
};

function genericMessage(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'is required';
      return `must be ${TYPE_NAMES[issue.expected] ?? issue.expected}, not ${describeValue(issue.input)}`;
    case 'too_small':
      if (issue.origin === 'string') return 'must not be empty';
      if (issue.origin === 'number') {
        return `must be ${issue.inclusive ? 'at least' : 'above'} ${String(issue.minimum)}, not ${describeValue(issue.input)}`;
      }
      return issue.message;
    case 'too_big':
      if (issue.origin === 'string') return `is too long (at most ${String(issue.maximum)} characters)`;
      if (issue.origin === 'number') {
        return `must be ${issue.inclusive ? 'at most' : 'below'} ${String(issue.maximum)}, not ${describeValue(issue.input)}`;
      }
      return issue.message;
    case 'invalid_value':
      if (issue.input === undefined) return 'is required';
      return valueMessage(issue.input, issue.values.map(String));
    default:
      return issue.message;
  }
}

function valueMessage(input: unknown, values: readonly string[]): string {
  if (values.length === 1) return `must be ${JSON.stringify(values[0])}, not ${describeValue(input)}`;
  const hint = suggestion(input, values);
  // Long lists (the 24 capabilities) are only spelled out when no near match helps.
  if (values.length > 6 && hint)
    return `${describeValue(input)} is not one of the ${values.length} known values${hint}`;
  return `${describeValue(input)} is not one of: ${values.join(', ')}${hint}`;
}

const TYPE_NAMES: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  object: 'an object of named fields',
  array: 'a list',
  boolean: 'true or false',
};

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return typeof value;
}

function knownFieldsAt(path: readonly PropertyKey[]): readonly string[] {
  const [first, , third] = path;
  if (path.length === 0) return KNOWN_FIELDS.document;
  if (first === 'calendar') return KNOWN_FIELDS.calendar;
  if (first === 'steps' && third === 'position') return KNOWN_FIELDS.position;
  if (first === 'teams' || first === 'steps' || first === 'handoffs' || first === 'ideas') {
    return KNOWN_FIELDS[first];
  }
  return [];
}

function unknownKeyMessage(key: string, known: readonly string[]): string {
  const hint = suggestion(key, known);
  return `is not a field here${hint || (known.length > 0 ? ` (known fields: ${known.join(', ')})` : '')}`;
}

/** ` (did you mean "leadTime"?)` when a known word is a likely typo of `input`, else ``. */
export function suggestion(input: unknown, known: readonly string[]): string {
  if (typeof input !== 'string' || input.length > 100) return '';
  let best: string | undefined;
  let bestDistance = Infinity;
  // The search stops after a million letter pairs (a few milliseconds): 2,000 ids of 20 letters fit.
  let budget = SUGGESTION_BUDGET;
  for (const word of known) {
    budget -= input.length * word.length;
    if (budget < 0) break;
    const distance = editDistance(input.toLowerCase(), word.toLowerCase());
    if (distance < bestDistance) [best, bestDistance] = [word, distance];
  }
  // Close enough to be a typo: a third of the word may differ; one letter in words over 3 letters.
  const close =
    best !== undefined && (bestDistance <= Math.floor(best.length / 3) || (bestDistance === 1 && best.length > 3));
  return close ? ` (did you mean "${best}"?)` : '';
}

const SUGGESTION_BUDGET = 1_000_000;

/** Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours. */
function editDistance(a: string, b: string): number {
  let beforePrevious: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      // Two letters swapped ("tset") count as one typo.
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        current[j] = Math.min(current[j]!, beforePrevious[j - 2]! + 1);
      }
    }
    [beforePrevious, previous] = [previous, current];
  }
  return previous[b.length]!;
}
