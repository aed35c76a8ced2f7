import type { Participant } from '@minimeet/contract';
import {
  Inject,
  Injectable,
  Logger,
  type OnModuleDestroy,
  type OnModuleInit,
} from '@nestjs/common';
import type { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { RedisService } from '../redis/redis.module';
import { MemoryPresenceStore, type PresenceEntry, type PresenceStore } from './presence.store';
import { RedisPresenceStore } from './redis-presence.store';

type ExpiryListener = (roomIds: string[]) => void;
/** Ids of the users in a room's call (provided by the calls module). */
export type InCallLookup = (roomId: string) => Promise<ReadonlySet<string>>;

/** Who is online in which room, one entry per user however many tabs they have open. */
@Injectable()
export class PresenceService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('Presence');
  private readonly store: PresenceStore;
  /** This process's sockets: socketId -> (roomId -> entry). */
  private readonly local = new Map<string, Map<string, PresenceEntry>>();
  private timer: NodeJS.Timeout | null = null;
  private readonly listeners = new Set<ExpiryListener>();
  private inCall: InCallLookup | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    redis: RedisService,
  ) {
    this.store = redis.client
      ? new RedisPresenceStore(redis.client, redis.prefix, config.presenceTtlMs)
      : new MemoryPresenceStore();
  }

  onModuleInit(): void {
    if (this.store instanceof MemoryPresenceStore) return;
    const interval = Math.max(250, Math.floor(this.config.presenceTtlMs / 3));
    this.timer = setInterval(() => void this.tick(), interval);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Called with the rooms whose participants changed because another process's entries expired. */
  onExpired(listener: ExpiryListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Lets the calls module mark participants who are in the room's call (`inCall: true`). */
  setInCallLookup(lookup: InCallLookup): void {
    this.inCall = lookup;
  }

  async join(roomId: string, entry: PresenceEntry): Promise<void> {
    let rooms = this.local.get(entry.socketId);
    if (!rooms) this.local.set(entry.socketId, (rooms = new Map<string, PresenceEntry>()));
    rooms.set(roomId, entry);
    await this.store.add(roomId, entry);
  }

  /** Returns true when the room's participant list changed (the user's last socket left). */
  async leave(roomId: string, socketId: string): Promise<boolean> {
    const rooms = this.local.get(socketId);
    const entry = rooms?.get(roomId);
    if (!rooms || !entry) return false;
    rooms.delete(roomId);
    if (rooms.size === 0) this.local.delete(socketId);
    await this.store.remove(roomId, entry);
    const left = await this.store.list(roomId);
    return !left.some((e) => e.userId === entry.userId);
  }

  /** A socket disconnected: removes it everywhere; returns the rooms whose participants changed. */
  async leaveAll(socketId: string): Promise<string[]> {
    const roomIds = [...(this.local.get(socketId)?.keys() ?? [])];
    const changed: string[] = [];
    for (const roomId of roomIds) {
      if (await this.leave(roomId, socketId)) changed.push(roomId);
    }
    return changed;
  }

  isHere(roomId: string, socketId: string): boolean {
    return this.local.get(socketId)?.has(roomId) ?? false;
  }

  async participants(roomId: string): Promise<Participant[]> {
    const byUser = new Map<string, Participant>();
    const inCall = (await this.inCall?.(roomId)) ?? new Set<string>();
    for (const e of await this.store.list(roomId)) {
      if (byUser.has(e.userId)) continue;
      const participant: Participant = { userId: e.userId, username: e.username };
      if (inCall.has(e.userId)) participant.inCall = true;
      byUser.set(e.userId, participant);
    }
    return [...byUser.values()].sort((a, b) => a.username.localeCompare(b.username));
  }

  async onlineCounts(roomIds: string[]): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    await Promise.all(
      roomIds.map(async (roomId) => {
        const users = new Set((await this.store.list(roomId)).map((e) => e.userId));
        counts.set(roomId, users.size);
      }),
    );
    return counts;
  }

  private async tick(): Promise<void> {
    try {
      const mine: [string, PresenceEntry][] = [];
      for (const rooms of this.local.values())
        for (const [roomId, entry] of rooms) mine.push([roomId, entry]);
      await this.store.heartbeat(mine);
      const changed = await this.store.sweep();
      if (changed.length > 0) for (const listener of this.listeners) listener(changed);
    } catch (e) {
      this.logger.warn(`presence heartbeat failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
}
