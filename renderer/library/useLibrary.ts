/** The library screen's data and the messages its actions leave. */
import { useCallback, useEffect, useState } from 'react';
import type { RequestOutput } from '../../shared/api/contract';
import { ApiError, call } from '../api/client';

export type Listing = RequestOutput<'listLibrary'>;

export interface Message {
  kind: 'status' | 'error';
  text: string;
  /** An action offered with the message, e.g. "Undo" after moving something to the trash. */
  action?: { label: string; run: () => Promise<void> };
}

export function useLibrary() {
  const [listing, setListing] = useState<Listing | undefined>();
  const [message, setMessage] = useState<Message | undefined>();

  const reload = useCallback(async () => {
    setListing(await call('listLibrary', {}));
  }, []);

  useEffect(() => {
    reload().catch((error: unknown) => {
      setMessage({ kind: 'error', text: errorText(error) });
    });
  }, [reload]);

  /** Runs an action, reloads the listing, and shows its outcome. */
  const act = useCallback(
    async (work: () => Promise<Message | undefined>) => {
      try {
        const outcome = await work();
        await reload();
        setMessage(outcome);
      } catch (error) {
        setMessage({ kind: 'error', text: errorText(error) });
        await reload().catch(() => undefined);
      }
    },
    [reload],
  );

  return { listing, message, setMessage, act };
}

export function errorText(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return `Something went wrong: ${error instanceof Error ? error.message : String(error)}`;
}
