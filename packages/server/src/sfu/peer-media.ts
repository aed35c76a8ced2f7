import type {
  IceCandidateInit,
  SessionDescription,
  SfuOfferEvent,
  SfuStream,
  SfuStreamSetting,
  SfuTarget,
} from '@minimeet/contract';
import { Logger } from '@nestjs/common';
import type {
  JanusSession,
  RemotePublisher,
  StreamSelector,
  SubscribedStream,
  VideoRoomPublisher,
  VideoRoomSubscriber,
} from './janus/janus-client';

/** Who this media belongs to. */
export interface PeerKey {
  roomId: string;
  callId: string;
  peerId: string;
  connectionId: string;
}

export interface PeerMediaEvents {
  offer: (event: SfuOfferEvent) => void;
  talking: (peerId: string, talking: boolean) => void;
}

/** Description Janus keeps for the screen-share m-line of a publisher. */
const SCREEN = 'screen';
/** How long publisher changes are gathered before the subscription is updated. */
const SYNC_GATHER_MS = 60;
/** How long an offer may wait for the browser's answer before changes go on without it. */
const ANSWER_TIMEOUT_MS = 5_000;
/** Wait before trying again after Janus refused a subscription change. */
const SYNC_RETRY_MS = 1_000;

const describe = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/**
 * One call peer's media on Janus: a session with a publisher handle (joined under the peer's id,
 * so every process maps feeds to peers) and a subscriber handle that receives every other
 * publisher. Janus tells each publisher handle who starts and stops publishing; this keeps the
 * subscription in step and hands each new offer to the browser. Work is done one step at a time.
 */
export class PeerMedia {
  private readonly logger = new Logger('SfuPeer');
  private subscriber: VideoRoomSubscriber | null = null;
  /** Other publishers in the room, by feed id. */
  private readonly feeds = new Map<number, RemotePublisher>();
  /** What the subscriber receives: feed id -> the publisher's mids. */
  private subscribed = new Map<number, Set<string>>();
  private version = 0;
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;
  private ownFeed = 0;
  /** An offer went to the browser and its answer has not come back: changes wait for it. */
  private awaitingAnswer = false;
  /** The room changed since the subscription was last brought in line. */
  private dirty = false;
  private timer: NodeJS.Timeout | null = null;
  private answerDeadline: NodeJS.Timeout | null = null;

  private constructor(
    readonly key: PeerKey,
    readonly instanceUrl: string,
    readonly generation: number,
    private readonly room: number,
    private readonly session: JanusSession,
    private readonly publisher: VideoRoomPublisher,
    private readonly events: PeerMediaEvents,
  ) {}

  /** Joins the call's room as a publisher (not yet sending) and subscribes to who is there. */
  static async join(
    key: PeerKey,
    target: { url: string; generation: number; room: number; session: JanusSession },
    events: PeerMediaEvents,
  ): Promise<PeerMedia> {
    const publisher = await target.session.attachPublisher();
    const media = new PeerMedia(
      key,
      target.url,
      target.generation,
      target.room,
      target.session,
      publisher,
      events,
    );
    // Listen first: a publisher announced while the join's answer is on its way is not lost.
    media.watch();
    const joined = await publisher.join({ room: target.room, display: key.peerId });
    media.ownFeed = joined.publisherId;
    for (const p of joined.publishers) media.feeds.set(p.id, p);
    await media.run(() => media.sync());
    return media;
  }

  get publishers(): number {
    return this.feeds.size;
  }

  publish(offer: SessionDescription, screenMid: string | null): Promise<SessionDescription> {
    return this.run(async () => {
      const descriptions = screenMid ? [{ mid: screenMid, description: SCREEN }] : undefined;
      const { answer } = await this.publisher.publish(offer, descriptions ? { descriptions } : {});
      return { type: 'answer' as const, sdp: answer.sdp };
    });
  }

  answer(answer: SessionDescription): Promise<void> {
    return this.run(async () => {
      if (!this.subscriber) throw new Error('nothing to answer');
      await this.subscriber.start(answer);
      this.answered();
    });
  }

  /** Candidates go to the handle directly (Janus queues those that come before the SDP). */
  async candidate(target: SfuTarget, candidate: IceCandidateInit | null): Promise<void> {
    const handle = target === 'publisher' ? this.publisher : this.subscriber;
    if (!handle) return;
    if (candidate) await handle.trickle(candidate);
    else await handle.trickleComplete();
  }

  configure(streams: readonly SfuStreamSetting[]): Promise<void> {
    return this.run(async () => {
      if (!this.subscriber || streams.length === 0) return;
      await this.subscriber.configure(
        streams.map((s) => ({
          mid: s.mid,
          send: s.send,
          ...(s.layer !== undefined ? { substream: s.layer } : {}),
        })),
      );
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.answerDeadline) clearTimeout(this.answerDeadline);
    await this.session.destroy().catch(() => undefined);
  }

  private watch(): void {
    this.publisher.on('publishers', ({ publishers }) => {
      for (const p of publishers) if (p.id !== this.ownFeed) this.feeds.set(p.id, p);
      this.schedule();
    });
    const gone = ({ id }: { id: number }) => {
      if (!this.feeds.delete(id)) return;
      this.schedule();
    };
    this.publisher.on('unpublished', gone);
    this.publisher.on('left', gone);
    this.publisher.on('talking', ({ id, talking }) => {
      const peerId = id === this.ownFeed ? this.key.peerId : this.feeds.get(id)?.display;
      if (peerId) this.events.talking(peerId, talking);
    });
  }

  /**
   * Brings the subscription in line with the publishers in the room, stream by stream: a
   * publisher that adds a screen share to its connection gets that stream subscribed too.
   */
  private async sync(): Promise<void> {
    if (this.closed) return;
    const wanted = new Map<number, Set<string>>();
    for (const p of this.feeds.values()) {
      const mids = new Set(p.streams.filter((st) => !st.disabled).map((st) => st.mid));
      if (mids.size > 0) wanted.set(p.id, mids);
    }
    const subscribe: StreamSelector[] = [];
    const unsubscribe: StreamSelector[] = [];
    for (const [feed, mids] of wanted) {
      const had = this.subscribed.get(feed);
      if (!had) subscribe.push({ feed });
      else for (const mid of mids) if (!had.has(mid)) subscribe.push({ feed, mid });
    }
    for (const [feed, mids] of this.subscribed) {
      const still = wanted.get(feed);
      if (!still) unsubscribe.push({ feed });
      else for (const mid of mids) if (!still.has(mid)) unsubscribe.push({ feed, mid });
    }
    if (subscribe.length === 0 && unsubscribe.length === 0) return;
    if (!this.subscriber) {
      if (subscribe.length === 0) return;
      const subscriber = await this.session.attachSubscriber();
      subscriber.on('updated', ({ offer, streams }) => {
        if (offer) this.offer(offer, streams);
      });
      const { offer, streams } = await subscriber.join(this.room, subscribe);
      this.subscriber = subscriber;
      this.subscribed = wanted;
      this.offer(offer, streams);
      return;
    }
    const update = await this.subscriber.update({ subscribe, unsubscribe });
    this.subscribed = wanted;
    if (update.offer) this.offer(update.offer, update.streams);
  }

  /**
   * Publishers come and go in bursts (a whole meeting joining at once): changes are gathered for
   * a moment, and never sent while the browser still has an offer to answer, so a burst costs one
   * or two renegotiations instead of one per publisher.
   */
  private schedule(): void {
    this.dirty = true;
    if (this.awaitingAnswer || this.timer || this.closed) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      if (!this.dirty || this.awaitingAnswer) return;
      this.dirty = false;
      this.run(() => this.sync()).catch((e: unknown) => {
        // Janus refused this change (e.g. a feed that just left): look again shortly.
        this.logger.warn(`subscription update failed: ${describe(e)}`);
        setTimeout(() => this.schedule(), SYNC_RETRY_MS).unref();
      });
    }, SYNC_GATHER_MS);
    this.timer.unref();
  }

  private answered(): void {
    this.awaitingAnswer = false;
    if (this.answerDeadline) clearTimeout(this.answerDeadline);
    this.answerDeadline = null;
    if (this.dirty) {
      this.dirty = false;
      this.schedule();
    }
  }

  private offer(offer: SessionDescription, streams: readonly SubscribedStream[]): void {
    if (this.closed) return;
    this.awaitingAnswer = true;
    // A browser that never answers (it went away) must not freeze the subscription.
    if (this.answerDeadline) clearTimeout(this.answerDeadline);
    this.answerDeadline = setTimeout(() => this.answered(), ANSWER_TIMEOUT_MS);
    this.answerDeadline.unref();
    this.version += 1;
    this.events.offer({
      roomId: this.key.roomId,
      offer: { type: 'offer', sdp: offer.sdp },
      streams: streams.flatMap((s) => this.describe(s)),
      version: this.version,
    });
  }

  private describe(s: SubscribedStream): SfuStream[] {
    if (s.type === 'data' || s.feedId === undefined) return [];
    const peerId = s.feedDisplay ?? this.feeds.get(s.feedId)?.display;
    if (!peerId) return [];
    const described =
      s.feedDescription ??
      this.feeds.get(s.feedId)?.streams.find((p) => p.mid === s.feedMid)?.description;
    return [
      {
        mid: s.mid,
        kind: s.type,
        peerId,
        role: described === SCREEN ? 'screen' : 'camera',
        active: s.active,
      },
    ];
  }

  private run<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }
}
