import VideoRoomPlugin, { type JanodeVideoRoomHandle } from 'janode/plugins/videoroom';
import { asRecord, parseJsep, parseSubscribedStreams, requireJsep } from './janus-parse';
import type { Jsep, StreamSelector, SubscribedStream, SubscriberEvents } from './janus-types';
import { VideoRoomHandleBase } from './videoroom-handle';

export interface Subscription {
  /** Janus's offer: answer it with `start()`. */
  offer: Jsep;
  /** m-line → publisher feed/stream mapping. */
  streams: SubscribedStream[];
}

export interface SubscriptionUpdate {
  /** Present when the PeerConnection must be renegotiated: answer it with `start()`. */
  offer?: Jsep;
  streams: SubscribedStream[];
}

export interface StreamConfiguration {
  mid: string;
  /** Simulcast layer: 0 = lowest resolution, 2 = highest. */
  substream?: 0 | 1 | 2;
  /** Simulcast temporal layer: 0 = lowest frame rate, 2 = all frames. */
  temporal?: 0 | 1 | 2;
  /** false pauses relaying this m-line (e.g. an off-screen video). */
  send?: boolean;
}

const selectors = (list: readonly StreamSelector[] | undefined) =>
  list?.map(({ feed, mid }) => (mid === undefined ? { feed } : { feed, mid }));

const isList = (
  config: StreamConfiguration | readonly StreamConfiguration[],
): config is readonly StreamConfiguration[] => Array.isArray(config);

/** A participant's receiving side: one multistream PeerConnection with any number of feeds. */
export class VideoRoomSubscriber extends VideoRoomHandleBase<SubscriberEvents> {
  constructor(handle: JanodeVideoRoomHandle, requestTimeoutMs: number) {
    super(handle, requestTimeoutMs, VideoRoomSubscriber.name);
    handle.on(VideoRoomPlugin.EVENT.VIDEOROOM_UPDATED, (data: unknown) => {
      const d = asRecord(data);
      const offer = parseJsep(d?.jsep);
      const streams = parseSubscribedStreams(d?.streams);
      this.events.emit('updated', offer ? { offer, streams } : { streams });
    });
  }

  async join(
    room: number,
    streams: readonly StreamSelector[],
    options: { privateId?: number; pin?: string } = {},
  ): Promise<Subscription> {
    if (streams.length === 0) throw new Error('join needs at least one stream to subscribe to');
    const attached = await this.request('join as subscriber', () =>
      this.handle.joinSubscriber({
        room,
        streams: selectors(streams),
        private_id: options.privateId,
        pin: options.pin,
      }),
    );
    return {
      offer: requireJsep(attached.jsep, 'offer', 'subscribe'),
      streams: parseSubscribedStreams(attached.streams),
    };
  }

  /** Sends the browser's answer (to the join offer or to any later update offer). */
  async start(answer: Jsep): Promise<void> {
    if (answer.type !== 'answer') throw new Error('start needs an SDP answer');
    await this.request('start', () =>
      this.handle.start({ jsep: { type: answer.type, sdp: answer.sdp } }),
    );
  }

  /** Adds and/or removes streams; Janus answers with a new offer when renegotiation is needed. */
  async update(change: {
    subscribe?: readonly StreamSelector[];
    unsubscribe?: readonly StreamSelector[];
  }): Promise<SubscriptionUpdate> {
    // Janus refuses an empty list ("430 Empty unsubscription list"): send only what is asked.
    const subscribe = selectors(change.subscribe);
    const unsubscribe = selectors(change.unsubscribe);
    const updated = await this.request('update', () =>
      this.handle.update({
        ...(subscribe && subscribe.length > 0 ? { subscribe } : {}),
        ...(unsubscribe && unsubscribe.length > 0 ? { unsubscribe } : {}),
      }),
    );
    const offer = parseJsep(updated.jsep);
    const streams = parseSubscribedStreams(updated.streams);
    return offer ? { offer, streams } : { streams };
  }

  /** Picks simulcast layers and pauses/resumes individual m-lines. */
  async configure(config: StreamConfiguration | readonly StreamConfiguration[]): Promise<void> {
    const list: readonly StreamConfiguration[] = isList(config) ? config : [config];
    await this.request('configure', () =>
      this.handle.configure({
        streams: list.map(({ mid, substream, temporal, send }) => ({
          mid,
          ...(substream === undefined ? {} : { substream }),
          ...(temporal === undefined ? {} : { temporal }),
          ...(send === undefined ? {} : { send }),
        })),
      }),
    );
  }
}
