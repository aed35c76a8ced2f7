import { Inject, Injectable } from '@nestjs/common';
import { type Limiter, RateLimitService } from '../common/rate-limit.service';
import type { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';

/**
 * Accounts created per client address per hour (LIMIT_REGISTRATIONS_PER_HOUR), counted after the
 * body is valid and before the 32 MiB password hash, shared by every process through Redis.
 */
@Injectable()
export class RegistrationLimit {
  private readonly limiter: Limiter;

  constructor(@Inject(APP_CONFIG) config: AppConfig, limits: RateLimitService) {
    this.limiter = limits.create({
      name: 'register',
      points: config.limits.registrationsPerHour,
      durationSeconds: 3600,
    });
  }

  /** Throws RATE_LIMITED (with Retry-After) once the address has used its allowance. */
  consume(address: string): Promise<void> {
    return this.limiter.consume(address);
  }
}
