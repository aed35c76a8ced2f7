import { UNAUTHORIZED_CONNECT_ERROR } from '@minimeet/contract';
import type { TokenService } from '../auth/token.service';
import type { AppSocket } from './socket.types';

/** Handshake middleware: `auth.token` must be a valid access token, else connect_error 'unauthorized'. */
export function socketAuth(tokens: TokenService) {
  return (socket: AppSocket, next: (err?: Error) => void): void => {
    const auth = socket.handshake.auth as Record<string, unknown> | undefined;
    tokens
      .verifyAccess(auth?.token)
      .then((claims) => {
        if (!claims) return next(new Error(UNAUTHORIZED_CONNECT_ERROR));
        socket.data.user = { id: claims.sub, username: claims.username };
        next();
      })
      .catch(() => next(new Error(UNAUTHORIZED_CONNECT_ERROR)));
  };
}
