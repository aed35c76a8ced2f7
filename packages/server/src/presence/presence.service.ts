import type { Participant } from '@minimeet/contract';
import {
  Inject,
  Injectable,
  Logger,
  type OnModuleDestroy,
  type OnModuleInit,
} from '@nestjs/common';
import { DomainEvents } from '../common/domain-events';
import { OutageLog } from '../common/outage-log';
import type { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { RedisService } from '../redis/redis.module';
import { PresenceEvent } from './presence.events';
import { MemoryPresenceStore, type PresenceEntry, type PresenceStore } from './presence.store';
import { RedisPresenceStore } from './redis-presence.store';

/**
 * Who is online in which room (one entry per user however many tabs they have open), and who of
 * them is in the room's call. Raises the events that tell a room its participants changed.
 */
@Injectable()
export class PresenceService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('Presence');
  private readonly store: PresenceStore;
  /** This process's connections: connectionId -> (roomId -> entry). */
  private readonly local = new Map<string, Map<string, PresenceEntry>>();
  /**
   * The same, by room and user: roomId -> (userId -> connectionIds). A leave asks whether the
   * user has another connection here; when thousands drop at once, a scan of `local` per leave
   * would cost the square of the connections.
   */
  private readonly byRoomUser = new Map<string, Map<string, Set<string>>>();
  /** Call peers marked by this process: roomId -> (peerId -> userId), to restore after a loss. */
  private readonly callPeers = new Map<string, Map<string, string>>();
  private timer: NodeJS.Timeout | null = null;
  /** Heartbeat failures: logged once per outage, and its end once. */
  private readonly storeOutages = new OutageLog(this.logger, 'presence store (heartbeat)');
  /** Rooms re-created on the last heartbeat: announced once more on this one (see tick). */
  private settling: string[] = [];

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly events: DomainEvents,
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

  async join(roomId: string, entry: PresenceEntry): Promise<void> {
    let rooms = this.local.get(entry.socketId);
    if (!rooms) this.local.set(entry.socketId, (rooms = new Map<string, PresenceEntry>()));
    rooms.set(roomId, entry);
    let users = this.byRoomUser.get(roomId);
    if (!users) this.byRoomUser.set(roomId, (users = new Map<string, Set<string>>()));
    const connections = users.get(entry.userId);
    if (connections) connections.add(entry.socketId);
    else users.set(entry.userId, new Set([entry.socketId]));
    this.events.emit(PresenceEvent.ConnectionEntered, { roomId, connectionId: entry.socketId });
    await this.store.add(roomId, entry);
  }

  /** Returns true when the room's participant list changed (the user's last connection left). */
  async leave(roomId: string, connectionId: string): Promise<boolean> {
    const rooms = this.local.get(connectionId);
    const entry = rooms?.get(roomId);
    if (!rooms || !entry) return false;
    rooms.delete(roomId);
    if (rooms.size === 0) this.local.delete(connectionId);
    if (!this.forgetLocal(roomId, entry.userId, connectionId))
      this.forgetCallPeers(roomId, entry.userId);
    this.events.emit(PresenceEvent.ConnectionLeft, { roomId, connectionId });
    await this.store.remove(roomId, entry);
    const left = await this.store.list(roomId);
    return !left.some((e) => e.userId === entry.userId);
  }

  /** A connection closed: removes it everywhere; returns the rooms whose participants changed. */
  async leaveAll(connectionId: string): Promise<string[]> {
    const roomIds = [...(this.local.get(connectionId)?.keys() ?? [])];
    const changed: string[] = [];
    for (const roomId of roomIds) {
      if (await this.leave(roomId, connectionId)) changed.push(roomId);
    }
    return changed;
  }

  /** How many rooms this process's connection is in. */
  roomCount(connectionId: string): number {
    return this.local.get(connectionId)?.size ?? 0;
  }

  /** This process's connections of the user in the room. */
  localConnections(roomId: string, userId: string): string[] {
    return [...(this.byRoomUser.get(roomId)?.get(userId) ?? [])];
  }

  /** Takes the connection out of the index; returns whether the user has others in the room here. */
  private forgetLocal(roomId: string, userId: string, connectionId: string): boolean {
    const users = this.byRoomUser.get(roomId);
    const connections = users?.get(userId);
    if (!users || !connections) return false;
    connections.delete(connectionId);
    if (connections.size > 0) return true;
    users.delete(userId);
    if (users.size === 0) this.byRoomUser.delete(roomId);
    return false;
  }

  isHere(roomId: string, connectionId: string): boolean {
    return this.local.get(connectionId)?.has(roomId) ?? false;
  }

  /** Marks (or unmarks) a user's call peer as being in the room's call. */
  async setInCall(roomId: string, userId: string, peerId: string, inCall: boolean): Promise<void> {
    let peers = this.callPeers.get(roomId);
    if (inCall) {
      if (!peers) this.callPeers.set(roomId, (peers = new Map<string, string>()));
      peers.set(peerId, userId);
      await this.store.addCallPeer(roomId, userId, peerId);
    } else {
      peers?.delete(peerId);
      if (peers?.size === 0) this.callPeers.delete(roomId);
      await this.store.removeCallPeer(roomId, userId, peerId);
    }
  }

  async participants(roomId: string): Promise<Participant[]> {
    const byUser = new Map<string, Participant>();
    const [entries, inCall] = await Promise.all([
      this.store.list(roomId),
      this.store.callUsers(roomId),
    ]);
    for (const e of entries) {
      if (byUser.has(e.userId)) continue;
      const participant: Participant = { userId: e.userId, username: e.username };
      if (e.guest) participant.guest = true;
      if (inCall.has(e.userId)) participant.inCall = true;
      byUser.set(e.userId, participant);
    }
    return [...byUser.values()].sort((a, b) => a.username.localeCompare(b.username));
  }

  /** Tells the room who is there now; returns that list. */
  async announce(roomId: string): Promise<Participant[]> {
    const participants = await this.participants(roomId);
    this.events.emit(PresenceEvent.ParticipantsChanged, { roomId, participants });
    return participants;
  }

  /** Per room: how many people are online in it, and how many of them are in its call. */
  async roomCounts(roomIds: string[]): Promise<Map<string, { online: number; inCall: number }>> {
    const counts = new Map<string, { online: number; inCall: number }>();
    await Promise.all(
      roomIds.map(async (roomId) => {
        const [entries, inCall] = await Promise.all([
          this.store.list(roomId),
          this.store.callUsers(roomId),
        ]);
        counts.set(roomId, {
          online: new Set(entries.map((e) => e.userId)).size,
          inCall: inCall.size,
        });
      }),
    );
    return counts;
  }

  /** How many people are online (in any room) and how many of them in a call, server-wide. */
  async totals(): Promise<{ online: number; inCall: number }> {
    const online = new Set<string>();
    const inCall = new Set<string>();
    for (const roomId of await this.store.activeRooms()) {
      const [entries, callers] = await Promise.all([
        this.store.list(roomId),
        this.store.callUsers(roomId),
      ]);
      for (const e of entries) online.add(e.userId);
      for (const userId of callers) inCall.add(userId);
    }
    return { online: online.size, inCall: inCall.size };
  }

  private async tick(): Promise<void> {
    try {
      const mine: [string, PresenceEntry][] = [];
      for (const rooms of this.local.values())
        for (const [roomId, entry] of rooms) mine.push([roomId, entry]);
      const recreated = await this.store.heartbeat(mine);
      // A connection that left while the heartbeat ran must not stay re-created.
      for (const [roomId, entry] of mine)
        if (!this.isHere(roomId, entry.socketId)) await this.store.remove(roomId, entry);
      // The store lost them (Redis restarted): the call marks come back, and the rooms hear it.
      for (const roomId of recreated) {
        await this.restoreCallPeers(roomId);
        await this.announce(roomId);
      }
      // Once more a heartbeat later, when every process has put its own back and delivery
      // between processes is up again: the last list each room hears is the whole one.
      for (const roomId of this.settling)
        if (!recreated.includes(roomId)) await this.announce(roomId);
      this.settling = recreated;
      // Another process died: its connections expired, so their rooms hear who is left.
      // What it stored after its last heartbeat may not have reached anyone: the room catches up
      // from well before that heartbeat (an entry expires one TTL after it, and is swept up to a
      // heartbeat interval later; the client fetches from its last message before `since`).
      for (const roomId of await this.store.sweep()) {
        await this.announce(roomId);
        const since = new Date(Date.now() - 2 * this.config.presenceTtlMs);
        this.events.emit(PresenceEvent.ProcessLost, { roomId, since });
      }
      this.storeOutages.recovered();
    } catch (e) {
      this.storeOutages.failed(e);
    }
  }

  private async restoreCallPeers(roomId: string): Promise<void> {
    for (const [peerId, userId] of this.callPeers.get(roomId) ?? [])
      if (this.localConnections(roomId, userId).length > 0)
        await this.store.addCallPeer(roomId, userId, peerId);
  }

  private forgetCallPeers(roomId: string, userId: string): void {
    const peers = this.callPeers.get(roomId);
    if (!peers) return;
    for (const [peerId, owner] of peers) if (owner === userId) peers.delete(peerId);
    if (peers.size === 0) this.callPeers.delete(roomId);
  }
}
