/** Reading map files for the command line: size first, then the text, then validation. */
import { readFile, stat } from 'node:fs/promises';
import { describeIssue } from '../shared/model/issues';
import type { VsmDocument } from '../shared/model/schema';
import { checkDocumentSize, formatFromFileName, parseDocumentText } from '../shared/model/text';

export type LoadResult = { ok: true; document: VsmDocument } | { ok: false; errors: string[] };

/** Loads and validates a map; every error line names the file. */
export async function loadMap(path: string): Promise<LoadResult> {
  const fail = (message: string): LoadResult => ({ ok: false, errors: [`${path}: ${message}`] });
  let text: string;
  try {
    const info = await stat(path);
    if (info.isDirectory()) return fail('is a folder, not a map file');
    const tooLarge = checkDocumentSize(info.size);
    if (tooLarge) return fail(tooLarge);
    text = await readFile(path, 'utf8');
  } catch (error) {
    return fail(`cannot be read: ${fileErrorReason(error)}`);
  }
  const result = parseDocumentText(text, formatFromFileName(path));
  if (result.ok) return result;
  return { ok: false, errors: result.issues.map((issue) => `${path}: ${describeIssue(issue)}`) };
}

function fileErrorReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return error instanceof Error ? error.message : String(error);
}
