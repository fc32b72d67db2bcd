/**
 * Validation issues: where in the document (`steps[2].processTime`) and what is wrong, in plain
 * English, so that a facilitator can fix a hand-written file without reading a schema.
 */
import type * as z from 'zod';
import { KNOWN_FIELDS } from './schema';

export interface Issue {
  /** The field's path, e.g. `steps[2].processTime`; empty for the document as a whole. */
  path: string;
  message: string;
}

/** `['steps', 2, 'processTime']` -> `steps[2].processTime`. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((key, i) => (typeof key === 'number' ? `[${key}]` : i === 0 ? String(key) : `.${String(key)}`))
    .join('');
}

/** One line for people: `steps[2].processTime: is required`. */
export function describeIssue(issue: Issue): string {
  return issue.path === '' ? `document: ${issue.message}` : `${issue.path}: ${issue.message}`;
}

/** Turns zod's issues (parsed with `reportInput: true`) into Flowmap's. */
export function fromZodIssues(issues: readonly z.core.$ZodIssue[]): Issue[] {
  return issues.flatMap((issue): Issue[] => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        path: formatPath([...issue.path, key]),
        message: unknownKeyMessage(key, knownFieldsAt(issue.path)),
      }));
    }
    return [{ path: formatPath(issue.path), message: messageFor(issue) }];
  });
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
  hoursPerDay: 'working hours in a day, above 0 and at most 24',
  daysPerWeek: 'working days in a week, above 0 and at most 7',
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
  for (const word of known) {
    const distance = editDistance(input.toLowerCase(), word.toLowerCase());
    if (distance < bestDistance) [best, bestDistance] = [word, distance];
  }
  // Close enough to be a typo: a third of the word may differ; one letter in words over 3 letters.
  const close =
    best !== undefined && (bestDistance <= Math.floor(best.length / 3) || (bestDistance === 1 && best.length > 3));
  return close ? ` (did you mean "${best}"?)` : '';
}

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
