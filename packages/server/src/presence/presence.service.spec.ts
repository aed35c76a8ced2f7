import { EventEmitter2 } from '@nestjs/event-emitter';
import { describe, expect, it } from 'vitest';
import { DomainEvents } from '../common/domain-events';
import type { AppConfig } from '../config/config';
import type { RedisService } from '../redis/redis.module';
import { PresenceService } from './presence.service';

/** One process, no Redis: the in-memory store. */
function presence(): PresenceService {
  const config = { presenceTtlMs: 30_000 } as AppConfig;
  return new PresenceService(config, new DomainEvents(new EventEmitter2()), {
    client: null,
  } as RedisService);
}
const entry = (socketId: string, userId: string) => ({ socketId, userId, username: userId });

describe('PresenceService (this process)', () => {
  it("knows each user's connections per room, and the user stays until their last one leaves", async () => {
    const p = presence();
    await p.join('r1', entry('a1', 'alice'));
    await p.join('r1', entry('a2', 'alice'));
    await p.join('r2', entry('a1', 'alice'));
    await p.join('r1', entry('b1', 'bob'));
    expect(p.localConnections('r1', 'alice').sort()).toEqual(['a1', 'a2']);
    expect(p.localConnections('r2', 'alice')).toEqual(['a1']);

    expect(await p.leaveAll('a1')).toEqual(['r2']); // r1 still has alice's other tab
    expect(p.localConnections('r1', 'alice')).toEqual(['a2']);
    expect(p.localConnections('r2', 'alice')).toEqual([]);
    expect(await p.leave('r1', 'a2')).toBe(true);
    expect(p.localConnections('r1', 'alice')).toEqual([]);
    expect((await p.participants('r1')).map((x) => x.userId)).toEqual(['bob']);
  });

  it('lets 20,000 connections in 5,000 rooms go at once, each room hearing its users leave', async () => {
    const p = presence();
    const n = 20_000;
    // Like the chat benchmark: rooms of 4 users, each user with a connection in 4 rooms.
    const room = (i: number) => `r${Math.floor(i / 16) * 4 + (i % 4)}`;
    const user = (i: number) => `u${Math.floor(i / 4)}`;
    for (let i = 0; i < n; i++) await p.join(room(i), entry(`c${i}`, user(i)));
    expect(p.localConnections('r0', 'u0')).toEqual(['c0']);
    let changed = 0;
    const started = performance.now();
    for (let i = 0; i < n; i++) changed += (await p.leaveAll(`c${i}`)).length;
    const ms = performance.now() - started;
    expect(changed).toBe(n); // each user was in each of their rooms once
    expect(p.localConnections('r0', 'u0')).toEqual([]);
    process.stdout.write(`20,000 connections left in ${ms.toFixed(0)} ms\n`);
  });
});
