import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { AppError } from '../common/app-error';
import type { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { isPrivateAddress, tokenMatches } from './metrics-access';

/**
 * /metrics: with METRICS_TOKEN, the bearer token is required; without it, only loopback and
 * private addresses (the TCP peer, never X-Forwarded-For) are answered.
 */
@Injectable()
export class MetricsGuard implements CanActivate {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<Request>();
    const token = this.config.metricsToken;
    if (token !== null) {
      if (!tokenMatches(req.headers.authorization, token))
        throw AppError.unauthorized('A valid metrics token is required');
      return true;
    }
    if (!isPrivateAddress(req.socket.remoteAddress))
      throw AppError.forbidden(
        'Metrics are served to private addresses only (or set METRICS_TOKEN)',
      );
    return true;
  }
}
