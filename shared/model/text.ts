/**
 * Reading and writing `vsm/1` files as JSON or YAML text. Reading is safe against hostile files:
 * size is capped, YAML aliases are bounded, `__proto__` keys are rejected as unknown fields and
 * nesting too deep for the parser is reported instead of crashing.
 */
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { formatDuration, parseDuration } from './duration';
import type { Issue } from './issues';
import { locateJsonError } from './json-syntax';
import type { VsmDocument } from './schema';
import { type ValidationResult, validateDocument } from './validate';

/** Files larger than this are refused before parsing: no real map comes near it. */
export const MAX_DOCUMENT_BYTES = 20 * 1024 * 1024;

export type TextFormat = 'json' | 'yaml';

/** The format a file name implies, or undefined when it says nothing (then the content decides). */
export function formatFromFileName(fileName: string): TextFormat | undefined {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.json')) return 'json';
  if (lower.endsWith('.yaml') || lower.endsWith('.yml')) return 'yaml';
  return undefined;
}

const MEGABYTE = 1024 * 1024;

/** A size for people: `25.0 MB`, and whole megabytes without decimals (`20 MB`). */
export function formatMegabytes(bytes: number): string {
  const megabytes = bytes / MEGABYTE;
  return `${Number.isInteger(megabytes) ? String(megabytes) : megabytes.toFixed(1)} MB`;
}

/** Why a file of `bytes` is refused (`is 25.0 MB; maps are limited to 20 MB`), or undefined when its size is fine. */
export function checkDocumentSize(bytes: number): string | undefined {
  if (bytes <= MAX_DOCUMENT_BYTES) return undefined;
  return `is ${formatMegabytes(bytes)}; maps are limited to ${formatMegabytes(MAX_DOCUMENT_BYTES)}`;
}

/** Parses and validates a document's text; `format` defaults to sniffing (JSON when it starts with `{`). */
export function parseDocumentText(text: string, format?: TextFormat): ValidationResult {
  // A UTF-16 code unit is at most 3 bytes of UTF-8, so only long texts need measuring.
  const tooLarge = text.length * 3 > MAX_DOCUMENT_BYTES && checkDocumentSize(new TextEncoder().encode(text).length);
  if (tooLarge) return failure(tooLarge);
  const chosen = format ?? (text.trimStart().startsWith('{') ? 'json' : 'yaml');
  let raw: unknown;
  try {
    raw = chosen === 'json' ? JSON.parse(text) : parseYaml(text, { maxAliasCount: 100, uniqueKeys: true });
  } catch (error) {
    return failure(syntaxMessage(error, chosen, text));
  }
  return validateDocument(raw);
}

function failure(message: string): ValidationResult {
  const issue: Issue = { path: '', message };
  return { ok: false, issues: [issue], more: 0 };
}

function syntaxMessage(error: unknown, format: TextFormat, text: string): string {
  const detail = error instanceof Error ? error.message : String(error);
  if (error instanceof RangeError || detail.includes('Maximum call stack')) return 'is nested too deeply to read';
  if (format === 'yaml') {
    // The yaml package ends its first line with "at line L, column C:" and then quotes the text.
    return `is not valid YAML: ${(detail.split('\n')[0] ?? detail).replace(/:$/, '')}`;
  }
  const reason = detail
    .replace(/ in JSON at position \d+.*$/s, '')
    .replace(/, (?:\.\.\.)?".*" is not valid JSON$/s, '');
  const offset = locateJsonError(text);
  if (offset === undefined) return `is not valid JSON: ${reason}`;
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return `is not valid JSON: ${reason} (line ${line}, column ${column})`;
}

/**
 * Writes a document as JSON or YAML text. Durations are written in the map's calendar (`1w`,
 * `2h 30m`) where that text reads back exactly, else as minutes; defaults are left out.
 */
export function serializeDocument(document: VsmDocument, format: TextFormat): string {
  const { calendar } = document;
  const duration = (minutes: number): string | number => {
    const written = formatDuration(minutes, calendar);
    const back = parseDuration(written, calendar);
    return back.ok && back.minutes === minutes ? written : minutes;
  };
  const plain = {
    format: document.format,
    name: document.name,
    state: document.state,
    calendar,
    ...(document.notes !== undefined && { notes: document.notes }),
    ...(document.teams.length > 0 && { teams: document.teams }),
    steps: document.steps.map(({ id, name, team, processTime, leadTime, percentCompleteAccurate, ...rest }) => ({
      id,
      name,
      ...(team !== undefined && { team }),
      processTime: duration(processTime),
      leadTime: duration(leadTime),
      ...(percentCompleteAccurate !== 100 && { percentCompleteAccurate }),
      ...rest,
    })),
    handoffs: document.handoffs.map(({ from, to, waitTime, ...rest }) => ({
      from,
      to,
      ...(waitTime !== 0 && { waitTime: duration(waitTime) }),
      ...rest,
    })),
    ...(document.participants.length > 0 && { participants: document.participants }),
    ...(document.ideas.length > 0 && { ideas: document.ideas }),
  };
  return format === 'json' ? `${JSON.stringify(plain, null, 2)}\n` : stringifyYaml(plain, { lineWidth: 0 });
}
