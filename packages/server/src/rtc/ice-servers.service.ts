import type { IceServer, IceServersResponse } from '@minimeet/contract';
import { Inject, Injectable } from '@nestjs/common';
import type { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { turnCredentials } from './turn-credentials';

/** STUN/TURN servers for a user: only what is configured, never a public server by default. */
@Injectable()
export class IceServersService {
  constructor(@Inject(APP_CONFIG) private readonly config: Pick<AppConfig, 'stunUrls' | 'turn'>) {}

  forUser(userId: string, nowMs = Date.now()): IceServersResponse {
    const iceServers: IceServer[] = this.config.stunUrls.map((urls) => ({ urls }));
    const { urls, secret, ttlSeconds } = this.config.turn;
    if (urls.length === 0 || secret === null) return { iceServers, ttl: 0 };
    const { username, credential } = turnCredentials(secret, userId, ttlSeconds, nowMs);
    iceServers.push({ urls, username, credential });
    return { iceServers, ttl: ttlSeconds };
  }
}
