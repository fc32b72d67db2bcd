/** Reading map files for the command line: size first, then the text, then validation. */
import { readFile, stat } from 'node:fs/promises';
import { describeIssues } from '../shared/model/issues';
import type { VsmDocument } from '../shared/model/schema';
import { checkDocumentSize, formatFromFileName, parseDocumentText } from '../shared/model/text';

export type ReadResult = { ok: true; text: string } | { ok: false; error: string };
export type LoadResult = { ok: true; document: VsmDocument } | { ok: false; errors: string[] };

/** A map file's text; the error line names the file. Files over the size limit are not read. */
export async function readMapText(path: string): Promise<ReadResult> {
  const fail = (message: string): ReadResult => ({ ok: false, error: `${path}: ${message}` });
  try {
    const info = await stat(path);
    if (info.isDirectory()) return fail('is a folder, not a map file');
    const tooLarge = checkDocumentSize(info.size);
    if (tooLarge) return fail(tooLarge);
    return { ok: true, text: await readFile(path, 'utf8') };
  } catch (error) {
    return fail(`cannot be read: ${fileErrorReason(error)}`);
  }
}

/** Loads and validates a map; every error line names the file. */
export async function loadMap(path: string): Promise<LoadResult> {
  const read = await readMapText(path);
  if (!read.ok) return { ok: false, errors: [read.error] };
  const result = parseDocumentText(read.text, formatFromFileName(path));
  if (result.ok) return result;
  return { ok: false, errors: describeIssues(result).map((line) => `${path}: ${line}`) };
}

export function fileErrorReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOSPC') return 'the disk is full';
  return error instanceof Error ? error.message : String(error);
}
