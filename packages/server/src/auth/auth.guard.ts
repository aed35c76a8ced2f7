import type { PublicUser } from '@minimeet/contract';
import {
  createParamDecorator,
  Injectable,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import type { Request } from 'express';
import { AppError } from '../common/app-error';
import { TokenService, type AccessClaims } from './token.service';

/** The user an access token speaks for (a guest's is marked). */
export const principalOf = (claims: AccessClaims): PublicUser => ({
  id: claims.sub,
  username: claims.username,
  ...(claims.guest ? { guest: true as const } : {}),
});

export type AuthedRequest = Request & { user?: PublicUser; sessionId?: string };

/**
 * Requires `Authorization: Bearer <access token>` of a live session; puts `{ id, username }` and
 * the session id (the token's `sid`) on the request.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(private readonly tokens: TokenService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthedRequest>();
    const header = request.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const claims = await this.tokens.verifyAccess(match?.[1]);
    if (!claims) throw AppError.unauthorized();
    request.user = principalOf(claims);
    request.sessionId = claims.sid;
    return true;
  }
}

export const CurrentUser = createParamDecorator(
  (_: unknown, context: ExecutionContext): PublicUser => {
    const user = context.switchToHttp().getRequest<AuthedRequest>().user;
    if (!user) throw AppError.unauthorized();
    return user;
  },
);

/** The sign-in session (refresh-token family) the request's access token belongs to. */
export const CurrentSessionId = createParamDecorator(
  (_: unknown, context: ExecutionContext): string | undefined =>
    context.switchToHttp().getRequest<AuthedRequest>().sessionId,
);
