/** Load shedding of socket writes (issue 12, overload): see overload/admission.ts. */
export interface OverloadConfig {
  /**
   * Chat writes (send, edit, delete, react) one process works on at once, from admission to ack
   * (OVERLOAD_MAX_IN_FLIGHT). Past it, a write is refused at once with UNAVAILABLE.
   */
  maxInFlight: number;
  /**
   * Mean event-loop delay (ms, over the last 100 ms) above which writes are refused too; a quarter
   * of it is how late the 25 ms heartbeat may be before the loop counts as stalled
   * (OVERLOAD_MAX_LOOP_DELAY_MS; 0 = the loop signals off, the default under NODE_ENV=test).
   */
  maxLoopDelayMs: number;
}

export interface OverloadEnv {
  int: (name: string, fallback: number, min: number, max: number) => number;
  test: boolean;
}

export function parseOverload({ int, test }: OverloadEnv): OverloadConfig {
  return {
    maxInFlight: int('OVERLOAD_MAX_IN_FLIGHT', 256, 1, 1_000_000),
    maxLoopDelayMs: int('OVERLOAD_MAX_LOOP_DELAY_MS', test ? 0 : 100, 0, 60_000),
  };
}
