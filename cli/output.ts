/** What every `vsm` command shares: where it prints, its exit statuses, usage errors, and writing files. */
import { rename, rm, writeFile } from 'node:fs/promises';
import { fileErrorReason } from './load';

export interface Output {
  stdout(text: string): void;
  stderr(text: string): void;
}

/** Spec section 5: 0 done, 1 the input is invalid, 2 a usage error. */
export const EXIT = { done: 0, invalid: 1, usage: 2 } as const;

/** Thrown by a command whose arguments do not fit; `vsm` prints it with a pointer to `--help`. */
export class UsageError extends Error {}

/**
 * Writes a file beside the target and renames it into place: never a half-written file. Returns
 * the exit status, with the reason on stderr when it cannot be written.
 */
export async function writeOutFile(outFile: string, data: string | Uint8Array, out: Output): Promise<number> {
  const partial = `${outFile}.partial-${process.pid}`;
  try {
    await writeFile(partial, data);
    await rename(partial, outFile);
    return EXIT.done;
  } catch (error) {
    await rm(partial, { force: true });
    out.stderr(`${outFile}: cannot be written: ${fileErrorReason(error)}\n`);
    return EXIT.invalid;
  }
}
