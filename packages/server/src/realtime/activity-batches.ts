import { ServerEvent, type RoomActivityEvent } from '@minimeet/contract';
import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { roomChannel, userChannel } from './channels';
import { RealtimeService } from './realtime.service';

/** How long a connection's room activity is gathered before it is sent as one batch. */
export const ACTIVITY_BATCH_MS = 500;
/**
 * Connections sent their batch per event-loop turn: a process with thousands of connections would
 * otherwise hold its loop for tens of milliseconds every period, and every message arriving then
 * would wait (and the overload guard would see a stalled loop).
 */
export const FLUSH_SLICE = 64;

/**
 * Room activity (the room list's unread badges) for this process's connections, sent per
 * connection as one `roomActivity` batch each ACTIVITY_BATCH_MS: a member with several tabs open
 * in other rooms of a busy room hears one packet per tab and half second, not one per message.
 * Each process batches for its own connections; the others are told through `roomActivity`
 * between processes.
 */
@Injectable()
export class ActivityBatches implements OnModuleDestroy {
  private pending = new Map<string, RoomActivityEvent[]>();
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
    if (this.timer === null && this.pending.size > 0)
      this.timer = setTimeout(() => this.flush(), ACTIVITY_BATCH_MS);
  }

  /** Sends every connection its batch: FLUSH_SLICE of them now, the rest in the next turns. */
  flush(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    const batches = [...this.pending];
    this.pending = new Map();
    this.send(batches, 0);
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
