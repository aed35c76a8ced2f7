import type { PublicUser } from '@minimeet/contract';
import {
  createParamDecorator,
  Injectable,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import type { Request } from 'express';
import { AppError } from '../common/app-error';
import { TokenService } from './token.service';

export type AuthedRequest = Request & { user?: PublicUser };

/** Requires `Authorization: Bearer <access token>`; puts `{ id, username }` on the request. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(private readonly tokens: TokenService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthedRequest>();
    const header = request.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const claims = await this.tokens.verifyAccess(match?.[1]);
    if (!claims) throw AppError.unauthorized();
    request.user = { id: claims.sub, username: claims.username };
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
