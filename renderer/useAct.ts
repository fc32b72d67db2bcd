/** One action at a time, its failure in words: controls are disabled while `busy`, a failure is the `problem`. */
import { useState } from 'react';
import { errorText } from './library/useLibrary';

export function useAct() {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string>();
  const act = (work: () => Promise<void>) => {
    setBusy(true);
    setProblem(undefined);
    work()
      .catch((failure: unknown) => {
        setProblem(errorText(failure));
      })
      .finally(() => {
        setBusy(false);
      });
  };
  return { busy, problem, setProblem, act };
}
