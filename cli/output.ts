/** What every `vsm` command shares: where it prints, its exit statuses, and usage errors. */

export interface Output {
  stdout(text: string): void;
  stderr(text: string): void;
}

/** Spec section 5: 0 done, 1 the input is invalid, 2 a usage error. */
export const EXIT = { done: 0, invalid: 1, usage: 2 } as const;

/** Thrown by a command whose arguments do not fit; `vsm` prints it with a pointer to `--help`. */
export class UsageError extends Error {}
