import VideoRoomPlugin, { type JanodeVideoRoomHandle } from 'janode/plugins/videoroom';
import {
  asRecord,
  num,
  parsePublishedStreams,
  parsePublishers,
  requireJsep,
  str,
} from './janus-parse';
import type { Jsep, PublishedStream, PublisherEvents, RemotePublisher } from './janus-types';
import { VideoRoomHandleBase } from './videoroom-handle';

export interface JoinedRoom {
  room: number;
  /** This participant's publisher (feed) id. */
  publisherId: number;
  /** Lets subscriptions be tied to this participant (require_pvtid rooms). */
  privateId?: number;
  /** Who was already publishing when we joined. */
  publishers: RemotePublisher[];
}

export interface Published {
  answer: Jsep;
  streams: PublishedStream[];
}

export interface PublishOptions {
  /** Cap on this publisher's video bitrate (bit/s); the room's bitrate otherwise. */
  bitrate?: number;
  /** Human-readable names of m-lines, e.g. [{ mid: '1', description: 'screen' }]. */
  descriptions?: { mid: string; description: string }[];
}

const EVENT = VideoRoomPlugin.EVENT;

/** A participant's sending side: joins a room as publisher and publishes one PeerConnection. */
export class VideoRoomPublisher extends VideoRoomHandleBase<PublisherEvents> {
  private publishing = false;

  constructor(handle: JanodeVideoRoomHandle, requestTimeoutMs: number) {
    super(handle, requestTimeoutMs, VideoRoomPublisher.name);
    this.forwardRoomEvents();
  }

  async join(params: { room: number; display: string; pin?: string }): Promise<JoinedRoom> {
    const joined = await this.request('join as publisher', () =>
      this.handle.joinPublisher({ room: params.room, display: params.display, pin: params.pin }),
    );
    const publisherId = num(joined.feed);
    if (publisherId === undefined) throw new Error('Janus join: no publisher id in the answer');
    const result: JoinedRoom = {
      room: num(joined.room) ?? params.room,
      publisherId,
      publishers: parsePublishers(joined.publishers),
    };
    const privateId = num(joined.private_id);
    if (privateId !== undefined) result.privateId = privateId;
    return result;
  }

  /** Sends the browser's offer (audio and/or video m-lines); returns Janus's answer. */
  async publish(offer: Jsep, options: PublishOptions = {}): Promise<Published> {
    if (offer.type !== 'offer') throw new Error('publish needs an SDP offer');
    const params = {
      jsep: { type: offer.type, sdp: offer.sdp },
      bitrate: options.bitrate,
      descriptions: options.descriptions,
    };
    // Once publishing, a new offer (a screen share added or removed) is a renegotiation.
    const configured = this.publishing
      ? await this.request('republish', () => this.handle.configure(params))
      : await this.request('publish', () => this.handle.publish(params));
    this.publishing = true;
    return {
      answer: requireJsep(configured.jsep, 'answer', 'publish'),
      streams: parsePublishedStreams(configured.streams),
    };
  }

  /** Stops publishing; stays in the room (and keeps receiving room events). */
  async unpublish(): Promise<void> {
    await this.request('unpublish', () => this.handle.unpublish());
    this.publishing = false;
  }

  /** Leaves the room; the handle can join again or be detached. */
  async leave(): Promise<void> {
    await this.request('leave', () => this.handle.leave());
  }

  private forwardRoomEvents(): void {
    const h = this.handle;
    h.on(EVENT.VIDEOROOM_PUB_LIST, (data: unknown) => {
      const publishers = parsePublishers(asRecord(data)?.publishers);
      if (publishers.length > 0) this.events.emit('publishers', { publishers });
    });
    h.on(EVENT.VIDEOROOM_PUB_PEER_JOINED, (data: unknown) => {
      const d = asRecord(data);
      const id = num(d?.feed);
      if (id === undefined) return;
      const display = str(d?.display);
      this.events.emit('joined', display === undefined ? { id } : { id, display });
    });
    h.on(EVENT.VIDEOROOM_UNPUBLISHED, (data: unknown) => {
      const id = num(asRecord(data)?.feed);
      if (id !== undefined) this.events.emit('unpublished', { id });
    });
    h.on(EVENT.VIDEOROOM_LEAVING, (data: unknown) => {
      const d = asRecord(data);
      const id = num(d?.feed);
      if (id === undefined) return;
      const reason = str(d?.reason);
      this.events.emit('left', reason === undefined ? { id } : { id, reason });
    });
    h.on(EVENT.VIDEOROOM_TALKING, (data: unknown) => {
      const d = asRecord(data);
      const id = num(d?.feed);
      if (id === undefined) return;
      const audioLevel = num(d?.audio_level);
      const mid = str(d?.mid);
      this.events.emit('talking', {
        id,
        talking: d?.talking === true,
        ...(audioLevel === undefined ? {} : { audioLevel }),
        ...(mid === undefined ? {} : { mid }),
      });
    });
    h.on(EVENT.VIDEOROOM_KICKED, (data: unknown) => {
      const id = num(asRecord(data)?.feed);
      if (id !== undefined) this.events.emit('kicked', { id });
    });
    h.on(EVENT.VIDEOROOM_DESTROYED, (data: unknown) => {
      const room = num(asRecord(data)?.room);
      if (room !== undefined) this.events.emit('roomDestroyed', { room });
    });
  }
}
