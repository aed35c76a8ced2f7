import type { Redis } from 'ioredis';
import { randomBytes } from 'node:crypto';
import type { JanusInstance } from './janus-instance';

/** The Janus videoroom of one call: on which instance, its random id and secret. */
export interface CallRoom {
  url: string;
  room: number;
  secret: string;
}

/**
 * One Janus videoroom per call, created on first use with a random id and secret and destroyed
 * when the call ends. With Redis every process uses the same room: the first to store its record
 * wins, and a loser destroys the room it made. After a Janus restart the room is re-created
 * under the same id and secret.
 */
export class SfuRooms {
  private readonly local = new Map<string, CallRoom>();
  /** callId -> the instance generation in which this process last saw the room exist. */
  private readonly verified = new Map<string, number>();

  constructor(
    private readonly redis: Redis | null,
    private readonly prefix: string,
    private readonly publishers: number,
  ) {}

  /** Ensures in progress, by call: the participants of a call moving to the SFU arrive together. */
  private readonly pending = new Map<string, Promise<CallRoom>>();

  /** The call's room on `instance`, created (or re-created) when needed; one at a time per call. */
  ensure(callId: string, instance: JanusInstance): Promise<CallRoom> {
    const previous = this.pending.get(callId) ?? Promise.resolve(null);
    const next = previous.catch(() => null).then(() => this.ensureNow(callId, instance));
    this.pending.set(callId, next);
    void next
      .finally(() => {
        if (this.pending.get(callId) === next) this.pending.delete(callId);
      })
      .catch(() => undefined);
    return next;
  }

  private async ensureNow(callId: string, instance: JanusInstance): Promise<CallRoom> {
    // After a restart, the check below must see the new connection's generation.
    await instance.ready();
    const known = await this.read(callId);
    if (known && known.url === instance.url) {
      if (this.verified.get(callId) !== instance.generation) {
        const admin = await instance.admin();
        if (!(await admin.roomExists(known.room))) {
          await admin.createRoom({ ...this.options(instance, known.secret), room: known.room });
        }
        this.verified.set(callId, instance.generation);
      }
      return known;
    }
    const admin = await instance.admin();
    const secret = randomBytes(18).toString('base64url');
    const room = await admin.createRoom(this.options(instance, secret));
    const mine: CallRoom = { url: instance.url, room, secret };
    const stored = await this.write(callId, mine, known);
    if (stored.room !== room || stored.url !== instance.url) {
      await admin.destroyRoom(room, secret).catch(() => undefined);
    } else {
      this.verified.set(callId, instance.generation);
    }
    return stored;
  }

  /** The call ended: its room goes (best effort: Janus may be gone too). */
  async destroy(callId: string, instance: JanusInstance | undefined): Promise<void> {
    const known = await this.read(callId);
    this.local.delete(callId);
    this.verified.delete(callId);
    await this.redis?.del(this.key(callId));
    if (!known || !instance || instance.url !== known.url || !instance.up) return;
    const admin = await instance.admin();
    await admin.destroyRoom(known.room, known.secret).catch(() => undefined);
  }

  private options(instance: JanusInstance, secret: string) {
    return {
      publishers: this.publishers,
      secret,
      ...(instance.adminKey ? { adminKey: instance.adminKey } : {}),
    };
  }

  private key(callId: string): string {
    return `${this.prefix}sfu:room:${callId}`;
  }

  private async read(callId: string): Promise<CallRoom | null> {
    if (!this.redis) return this.local.get(callId) ?? null;
    const raw = await this.redis.get(this.key(callId));
    return raw ? (JSON.parse(raw) as CallRoom) : null;
  }

  /** Stores `mine` unless another record than `replacing` got there first; returns the record. */
  private async write(
    callId: string,
    mine: CallRoom,
    replacing: CallRoom | null,
  ): Promise<CallRoom> {
    if (!this.redis) {
      this.local.set(callId, mine);
      return mine;
    }
    const stored = (await this.redis.eval(
      `local cur = redis.call('GET', KEYS[1])
       if (cur == false and ARGV[2] == '') or cur == ARGV[2] then
         redis.call('SET', KEYS[1], ARGV[1], 'EX', 86400) return ARGV[1] end
       return cur`,
      1,
      this.key(callId),
      JSON.stringify(mine),
      replacing ? JSON.stringify(replacing) : '',
    )) as string;
    return JSON.parse(stored) as CallRoom;
  }
}
