import { TOO_MANY_CONNECTIONS_CONNECT_ERROR, UNAUTHORIZED_CONNECT_ERROR } from '@minimeet/contract';
import { principalOf } from '../auth/auth.guard';
import type { TokenService } from '../auth/token.service';
import { addressChannel, sessionChannel, userChannel } from './channels';
import type { AppSocket } from './socket.types';

/** setTimeout's longest delay: an access token living longer is checked again then. */
const MAX_TIMER_MS = 2 ** 31 - 1;
/** Listeners of one event a socket or the namespace may hold before Node warns of a leak (default 10). */
export const MAX_SOCKET_LISTENERS = 32;

export interface SocketAuthOptions {
  /**
   * Whether the socket's peer address is the client's (no proxy in front). Behind a proxy every
   * socket comes from the proxy, so the per-address cap is off there.
   */
  capPerAddress: boolean;
  /** Sockets one user may hold open in one process; the next handshake gets connect_error. */
  perUser: number;
  /** Sockets one client address may hold open in one process. */
  perAddress: number;
}

/**
 * Handshake middleware: `auth.token` must be a valid access token, else connect_error
 * 'unauthorized'; a user or address over its socket cap gets 'too_many_connections'. The socket is
 * closed when its token expires (the client refreshes and reconnects), and it is put in its
 * user's and its session's channels so ending the session closes it (see SessionDelivery).
 *
 * The caps count the sockets of this process (its channels' sizes, which Socket.IO keeps exact
 * even for handshakes that fail or drop): with N processes a user may hold N times the cap.
 */
export function socketAuth(tokens: TokenService, options: SocketAuthOptions) {
  return (socket: AppSocket, next: (err?: Error) => void): void => {
    const auth = socket.handshake.auth as Record<string, unknown> | undefined;
    tokens
      .verifyAccess(auth?.token)
      .then((claims) => {
        if (!claims) return next(new Error(UNAUTHORIZED_CONNECT_ERROR));
        const rooms = socket.nsp.adapter.rooms;
        const channels = [userChannel(claims.sub)];
        if (claims.sid) channels.push(sessionChannel(claims.sid));
        if (options.capPerAddress) channels.push(addressChannel(socket.handshake.address));
        const full = (channel: string, max: number) => (rooms.get(channel)?.size ?? 0) >= max;
        if (
          full(userChannel(claims.sub), options.perUser) ||
          (options.capPerAddress &&
            full(addressChannel(socket.handshake.address), options.perAddress))
        )
          return next(new Error(TOO_MANY_CONNECTIONS_CONNECT_ERROR));
        // Nest binds a 'disconnect' listener per gateway (nine) beside ours: not a leak, so no warning.
        socket.setMaxListeners(MAX_SOCKET_LISTENERS);
        socket.data.user = principalOf(claims);
        socket.data.sessionId = claims.sid ?? null;
        // Counted at once (same tick as the check): parallel handshakes cannot all slip in.
        void socket.join(channels);
        closeAtExpiry(socket, claims.exp);
        next();
      })
      .catch(() => next(new Error(UNAUTHORIZED_CONNECT_ERROR)));
  };
}

/** Closes the socket when its access token expires: it must come back with a fresh one. */
function closeAtExpiry(socket: AppSocket, exp: number | undefined): void {
  if (exp === undefined) return;
  const delay = Math.max(0, exp * 1000 - Date.now());
  const timer = setTimeout(
    () => {
      if (delay > MAX_TIMER_MS) closeAtExpiry(socket, exp);
      else socket.disconnect(true);
    },
    Math.min(delay, MAX_TIMER_MS),
  );
  timer.unref();
  socket.once('disconnect', () => clearTimeout(timer));
}
