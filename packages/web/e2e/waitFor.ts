/**
 * Polls a condition until it holds (truthy) or the time is up. For conditions that have no
 * event to await, e.g. "the server answers /api/health" or "the log shows exactly one copy".
 */
export async function waitFor<T>(
  condition: () => T | Promise<T>,
  options: { timeout?: number; interval?: number; message?: string | (() => string) } = {},
): Promise<NonNullable<T>> {
  const { timeout = 10_000, interval = 100 } = options;
  const deadline = Date.now() + timeout;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await condition();
      if (value) return value;
    } catch (error) {
      lastError = error;
      if (error instanceof Error && error.message.startsWith('server exited')) throw error;
    }
    if (Date.now() > deadline) {
      const text = typeof options.message === 'function' ? options.message() : options.message;
      throw new Error(`${text ?? 'condition not met'} (after ${timeout} ms)`, { cause: lastError });
    }
    await new Promise((ok) => setTimeout(ok, interval));
  }
}
