import { useState } from 'react';
import { describeError } from '../lib/errors';

/** Runs one moderator request at a time and keeps the error sentence of the last failure. */
export function useModerationAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = (work: () => Promise<unknown>, done?: () => void): void => {
    setBusy(true);
    setError(null);
    work()
      .then(() => done?.())
      .catch((e: unknown) => setError(describeError(e)))
      .finally(() => setBusy(false));
  };
  return { busy, error, run };
}
