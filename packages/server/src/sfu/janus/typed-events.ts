import type { Logger } from '@nestjs/common';

/**
 * A tiny typed event hub: one payload per event, `on` returns the unsubscribe function, and a
 * throwing listener is logged instead of breaking the emitter or the other listeners.
 */
export class TypedEvents<E extends object> {
  private readonly listeners = new Map<keyof E, Set<(payload: never) => void>>();

  constructor(private readonly logger: Logger) {}

  on<K extends keyof E>(event: K, listener: (payload: E[K]) => void): () => void {
    let set = this.listeners.get(event);
    if (!set) {
      set = new Set();
      this.listeners.set(event, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
    };
  }

  once<K extends keyof E>(event: K, listener: (payload: E[K]) => void): () => void {
    const off = this.on(event, (payload) => {
      off();
      listener(payload);
    });
    return off;
  }

  emit<K extends keyof E>(event: K, payload: E[K]): void {
    const set = this.listeners.get(event);
    if (!set) return;
    for (const listener of [...set] as Array<(payload: E[K]) => void>) {
      try {
        listener(payload);
      } catch (error) {
        this.logger.error(`Listener for "${String(event)}" threw: ${describeError(error)}`);
      }
    }
  }

  clear(): void {
    this.listeners.clear();
  }
}

export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
