/**
 * Copied steps go through local storage, so they paste into any map of the library, in this window
 * or another. What is read back is checked for its shape here, and each step and handoff again by
 * the paste command, as if typed.
 */
import type { CopiedSteps } from '../../shared/model/commands';
import { copiedStepsSchema } from '../../shared/model/operations';
import type { Handoff, Step } from '../../shared/model/schema';

const CLIPBOARD_KEY = 'flowmap:clipboard';

export function writeClipboard(storage: Storage, copied: CopiedSteps): void {
  if (copied.steps.length > 0) storage.setItem(CLIPBOARD_KEY, JSON.stringify(copied));
}

/** The steps last copied, or undefined when there are none (or what is there is not Flowmap's). */
export function readClipboard(storage: Storage): CopiedSteps | undefined {
  const text = storage.getItem(CLIPBOARD_KEY);
  if (text === null) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  const parsed = copiedStepsSchema.safeParse(value);
  // The shape is right; the fields are checked by the paste command, which names what is wrong.
  return parsed.success
    ? { steps: parsed.data.steps as unknown as Step[], handoffs: parsed.data.handoffs as unknown as Handoff[] }
    : undefined;
}
