/**
 * Service-level test context: the whole app's providers on an in-memory SQLite database, with no
 * HTTP server and no sockets. Services are called directly with an Actor; the domain events they
 * raise are recorded in order.
 */
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { getDataSourceToken } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { AppModule } from '../src/app.module';
import type { Actor } from '../src/common/actor';
import type { DomainEventMap, DomainEventName } from '../src/common/domain-events';
import { loadConfig } from '../src/config/config';
import { TEST_LIMITS } from './harness';
import { UserEntity } from '../src/database/entities/user.entity';

export type RecordedEvent = {
  [K in DomainEventName]: { name: K; event: DomainEventMap[K] };
}[DomainEventName];

export interface ServiceContext {
  app: INestApplicationContext;
  /** Every domain event raised since the last `clear()`, in order. */
  events: RecordedEvent[];
  /** The recorded events of one name. */
  raised<K extends DomainEventName>(name: K): DomainEventMap[K][];
  clear(): void;
  /** A new user, acting from a new connection. */
  user(name?: string): Promise<Actor>;
  /** The same user from another connection (a second tab). */
  otherTab(actor: Actor): Actor;
  close(): Promise<void>;
}

export async function serviceContext(env: Record<string, string> = {}): Promise<ServiceContext> {
  const dir = mkdtempSync(join(tmpdir(), 'minimeet-unit-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: ':memory:',
    DATA_DIR: dir,
    JWT_SECRET: 'unit-secret-0123456789abcdef',
    WEB_DIST_DIR: 'none',
    LOG_LEVEL: 'error',
    CALL_MEDIA: 'mesh',
    ...TEST_LIMITS,
    ...env,
  });
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), {
    logger: false,
  });
  const events: RecordedEvent[] = [];
  app.get(EventEmitter2).onAny((name: string | string[], event: unknown) => {
    events.push({ name, event } as RecordedEvent);
  });
  const db = app.get<DataSource>(getDataSourceToken());
  let n = 0;
  return {
    app,
    events,
    raised: <K extends DomainEventName>(name: K) =>
      events.filter((e) => e.name === name).map((e) => e.event as DomainEventMap[K]),
    clear: () => void events.splice(0),
    user: async (name = `user${++n}`) => {
      const id = randomUUID();
      await db.getRepository(UserEntity).insert({
        id,
        username: name,
        usernameLower: name.toLowerCase(),
        email: `${name.toLowerCase()}@example.test`,
        passwordHash: 'x',
        createdAt: new Date(),
      });
      return { user: { id, username: name }, connectionId: randomUUID() };
    },
    otherTab: (actor) => ({ user: actor.user, connectionId: randomUUID() }),
    close: async () => {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
