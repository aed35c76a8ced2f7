import { ServerEvent, type RoomActivityEvent } from '@minimeet/contract';
import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { roomChannel, userChannel } from './channels';
import { RealtimeService } from './realtime.service';

/** How long a connection's room activity is gathered before it is sent as one batch. */
export const ACTIVITY_BATCH_MS = 500;
/**
 * The least time between two batches to one connection: a quiet room's first message reaches
 * the badges within ACTIVITY_BATCH_MS, a busy one's at most once per this (a frame a second per
 * tab open elsewhere, per busy room, would cost as much as the messages themselves).
 */
export const ACTIVITY_MIN_GAP_MS = 2_000;
/**
 * Connections sent their batch per event-loop turn: a process with thousands of connections would
 * otherwise hold its loop for tens of milliseconds every period, and every message arriving then
 * would wait (and the overload guard would see a stalled loop).
 */
export const FLUSH_SLICE = 64;

/**
 * Room activity (the room list's unread badges) for this process's connections, sent per
 * connection as one `roomActivity` batch each ACTIVITY_BATCH_MS, and to one connection at most
 * once per ACTIVITY_MIN_GAP_MS: a member with several tabs open in other rooms of a busy room
 * hears one packet per tab every two seconds, not one per message.
 * Each process batches for its own connections; the others are told through `roomActivity`
 * between processes.
 */
@Injectable()
export class ActivityBatches implements OnModuleDestroy {
  private readonly pending = new Map<string, RoomActivityEvent[]>();
  /** When each connection was last sent a batch (within ACTIVITY_MIN_GAP_MS; older ones pruned). */
  private readonly lastSent = new Map<string, number>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** The next slice of a flush under way. */
  private slice: NodeJS.Immediate | null = null;

  constructor(private readonly realtime: RealtimeService) {}

  /** Queues the event for this process's connections of `memberIds` without the room joined. */
  post(memberIds: readonly string[], event: RoomActivityEvent): void {
    const inRoom = this.realtime.localIn(roomChannel(event.roomId));
    for (const userId of memberIds) {
      for (const connectionId of this.realtime.localIn(userChannel(userId))) {
        if (inRoom.has(connectionId)) continue;
        const queued = this.pending.get(connectionId);
        if (queued) queued.push(event);
        else this.pending.set(connectionId, [event]);
      }
    }
    this.schedule();
  }

  /**
   * Sends every connection its batch, but those sent a batch less than ACTIVITY_MIN_GAP_MS ago,
   * which wait for a later period: FLUSH_SLICE of them now, the rest in the next turns.
   */
  flush(now: number = Date.now()): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    for (const [connectionId, at] of this.lastSent)
      if (now - at >= ACTIVITY_MIN_GAP_MS) this.lastSent.delete(connectionId);
    const batches: [string, RoomActivityEvent[]][] = [];
    for (const [connectionId, events] of this.pending) {
      if (this.lastSent.has(connectionId)) continue;
      batches.push([connectionId, events]);
      this.pending.delete(connectionId);
      this.lastSent.set(connectionId, now);
    }
    this.send(batches, 0);
    this.schedule();
  }

  private schedule(): void {
    if (this.timer === null && this.pending.size > 0)
      this.timer = setTimeout(() => this.flush(), ACTIVITY_BATCH_MS);
  }

  private send(batches: [string, RoomActivityEvent[]][], from: number): void {
    this.slice = null;
    const end = Math.min(from + FLUSH_SLICE, batches.length);
    for (const [connectionId, events] of batches.slice(from, end))
      this.realtime.sendLocal(connectionId, ServerEvent.RoomActivity, events);
    if (end < batches.length) this.slice = setImmediate(() => this.send(batches, end));
  }

  onModuleDestroy(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    if (this.slice !== null) clearImmediate(this.slice);
  }
}
