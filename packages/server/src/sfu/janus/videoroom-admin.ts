import { randomInt } from 'node:crypto';
import type { JanodeVideoRoomHandle } from 'janode/plugins/videoroom';
import { JANUS_ERROR, JanusRequestError, janusRequest } from './janus-errors';
import { asRecord, num, str } from './janus-parse';

export interface CreateRoomOptions {
  /** Maximum number of concurrent publishers. */
  publishers: number;
  /** Needed later to destroy (or edit) the room. */
  secret: string;
  /** The videoroom plugin's admin_key, if Janus is configured with one. */
  adminKey?: string;
  description?: string;
}

/** Room settings every MiniMeet room gets. */
export const ROOM_DEFAULTS = {
  videocodec: 'vp8',
  audiocodec: 'opus',
  bitrate: 1_024_000,
  // Keyframe request every 10 s so late subscribers and lossy links recover.
  fir_freq: 10,
  notify_joining: true,
  // Talking events: average level over 50 packets (~1 s of 20 ms Opus frames) louder than 40 dBov.
  talking_events: true,
  talking_packets_threshold: 50,
  talking_level_threshold: 40,
  permanent: false,
  is_private: true,
} as const;

// Janus room ids are 64-bit; keep them exact in JavaScript numbers (randomInt allows < 2^48).
const MAX_ROOM_ID = 2 ** 48 - 1;
const CREATE_ATTEMPTS = 5;

/** A handle used only for room management requests. */
export class VideoRoomAdmin {
  constructor(
    private readonly handle: JanodeVideoRoomHandle,
    private readonly requestTimeoutMs: number,
  ) {}

  /**
   * Creates a room under a fresh random numeric id and returns that id. With `options.room` the
   * room gets that id (re-creating a known room after Janus restarted); if it already exists,
   * someone else re-created it first, which is just as good.
   */
  async createRoom(options: CreateRoomOptions & { room?: number }): Promise<number> {
    if (!Number.isInteger(options.publishers) || options.publishers < 1) {
      throw new Error(`publishers must be a positive integer, got ${options.publishers}`);
    }
    for (let attempt = 1; ; attempt++) {
      const room = options.room ?? randomInt(1, MAX_ROOM_ID);
      try {
        await janusRequest(
          'create room',
          () =>
            this.handle.create({
              ...ROOM_DEFAULTS,
              room,
              max_publishers: options.publishers,
              secret: options.secret,
              admin_key: options.adminKey,
              description: options.description,
            }),
          this.requestTimeoutMs,
        );
        return room;
      } catch (error) {
        const taken =
          error instanceof JanusRequestError && error.code === JANUS_ERROR.VIDEOROOM_ROOM_EXISTS;
        if (taken && options.room !== undefined) return room;
        if (!taken || attempt >= CREATE_ATTEMPTS) throw error;
      }
    }
  }

  async destroyRoom(room: number, secret: string): Promise<void> {
    await janusRequest(
      'destroy room',
      () => this.handle.destroy({ room, secret, permanent: false }),
      this.requestTimeoutMs,
    );
  }

  async roomExists(room: number): Promise<boolean> {
    const result = await janusRequest(
      'room exists',
      () => this.handle.exists({ room }),
      this.requestTimeoutMs,
    );
    return result.exists === true;
  }

  /** Ids of the rooms on this instance (the admin key lets private rooms be listed too). */
  async rooms(adminKey?: string): Promise<number[]> {
    const result = await janusRequest(
      'list rooms',
      () => this.handle.list(adminKey ? { admin_key: adminKey } : {}),
      this.requestTimeoutMs,
    );
    const list = Array.isArray(result.list) ? (result.list as unknown[]) : [];
    return list.flatMap((entry) => {
      const id = num(asRecord(entry)?.room);
      return id === undefined ? [] : [id];
    });
  }

  /** Who is in a room (publishing or not): their feed ids and display names. */
  async participants(
    room: number,
  ): Promise<{ id: number; display?: string; publisher: boolean }[]> {
    const result = await janusRequest(
      'list participants',
      () => this.handle.listParticipants({ room }),
      this.requestTimeoutMs,
    );
    const list = Array.isArray(result.participants) ? (result.participants as unknown[]) : [];
    return list.flatMap((entry) => {
      const p = asRecord(entry);
      const id = num(p?.feed);
      if (id === undefined) return [];
      const display = str(p?.display);
      return [{ id, publisher: p?.publisher === true, ...(display ? { display } : {}) }];
    });
  }

  async detach(): Promise<void> {
    await janusRequest('detach', () => this.handle.detach(), this.requestTimeoutMs);
  }
}
