/** What every Socket.IO event shares: the ack envelope and the room reference. */
import type { ErrorPayload } from '../errors';

/** Every client -> server event is answered through its ack callback with this envelope. */
export type Ack<T> = { ok: true; data: T } | { ok: false; error: ErrorPayload };
export type AckCallback<T> = (response: Ack<T>) => void;

/** Message of the `connect_error` raised when the handshake token is missing, bad or expired. */
export const UNAUTHORIZED_CONNECT_ERROR = 'unauthorized';
/**
 * Message of the `connect_error` raised when the user (20) or the address (50) already has too many
 * sockets open; closing another tab frees one.
 */
export const TOO_MANY_CONNECTIONS_CONNECT_ERROR = 'too_many_connections';

export interface RoomRef {
  roomId: string;
}

/**
 * Ties a set of event-name constants to an event map: every constant names an event of the map,
 * and every event of the map has a constant. A name without a payload type does not compile.
 */
export type NamesOf<M> = Readonly<Record<string, keyof M & string>>;

/** Compile-time check that `N` (the constants' values) covers exactly the keys of the map `M`. */
export type CoversExactly<N extends string, M> = [Exclude<keyof M, N>] extends [never]
  ? [Exclude<N, keyof M>] extends [never]
    ? true
    : { missingInMap: Exclude<N, keyof M> }
  : { missingConstant: Exclude<keyof M, N> };
