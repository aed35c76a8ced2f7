import type { IceCandidateInit, SfuOfferEvent, SfuStream, SfuTarget } from '@minimeet/contract';
import type { LocalTracks, ReceiveView, TransportContext } from '../transport';
import { Trickle, toCandidate, toDescription } from './signalling';
import { cameraEncodings, cameraSize, preferVp8 } from './simulcast';
import { changedSettings, streamSettings, tracksByPeer, type PeerTracks } from './streams';

/** What a generation reads from its transport, and tells it. */
export interface GenerationHost {
  roomId: string;
  request: TransportContext['request'];
  config: RTCConfiguration;
  /** The camera size asked for (decides simulcast before the camera track exists). */
  video: TransportContext['video'];
  /** How long `disconnected` may last before the generation counts as broken. */
  disconnectedGraceMs: number;
  /** The page's tracks now (they may change while the join is under way). */
  tracks(): { local: LocalTracks; screen: MediaStreamTrack | null };
  /** What the page shows of each received stream now. */
  view(): ReceiveView;
  /** The streams the publisher's sections belong to (kept across generations). */
  cameraStream: MediaStream;
  screenStream: MediaStream;
  /** A connection failed, or stayed disconnected past the grace: set both up again. */
  broken(): void;
  /** A connection is connected; `both` when the other one (if made yet) is too. */
  connected(both: boolean): void;
  subscriberState(state: RTCPeerConnectionState): void;
  /** The received tracks may have changed (a track arrived, an offer was applied). */
  mediaChanged(): void;
  iceError(code: number): void;
}

/**
 * One join of the SFU: a publisher connection (microphone, camera with simulcast, screen) and a
 * subscriber connection that the server renegotiates. A restart drops it and makes a new one; a
 * dropped generation ignores whatever its connections or the server still report.
 */
export class SfuGeneration {
  private publisherPc: RTCPeerConnection | null = null;
  private audioTx: RTCRtpTransceiver | null = null;
  private cameraTx: RTCRtpTransceiver | null = null;
  private screenTx: RTCRtpTransceiver | null = null;
  /** Publisher negotiations, one at a time. */
  private publishing: Promise<void> = Promise.resolve();
  private subscriberPc: RTCPeerConnection | null = null;
  /** Subscriber offers, applied strictly in order. */
  private offers: Promise<void> = Promise.resolve();
  private lastVersion = -1;
  private received: SfuStream[] = [];
  private readonly sentSettings = new Map<string, string>();
  private publisherTrickle: Trickle | null = null;
  private subscriberTrickle: Trickle | null = null;
  private watchdog: ReturnType<typeof setTimeout> | undefined;
  private dropped = false;

  constructor(private readonly host: GenerationHost) {}

  get publisher(): RTCPeerConnection | null {
    return this.publisherPc;
  }

  get subscriber(): RTCPeerConnection | null {
    return this.subscriberPc;
  }

  /** The streams of the subscriber's last applied offer. */
  get streams(): readonly SfuStream[] {
    return this.received;
  }

  /** Joins the SFU and publishes the page's tracks; rejects when either step fails. */
  async join(): Promise<void> {
    await this.host.request('sfuJoin', { roomId: this.host.roomId }, 15_000);
    if (this.dropped) return;
    this.createPublisher();
    await this.publish();
  }

  /** Swaps the microphone and camera without renegotiating. */
  replaceTracks(tracks: LocalTracks): void {
    void this.audioTx?.sender.replaceTrack(tracks.audio).catch(() => undefined);
    void this.cameraTx?.sender.replaceTrack(tracks.video).catch(() => undefined);
  }

  /** Starts or stops sending a screen, and renegotiates the publisher (none before it exists). */
  shareScreen(track: MediaStreamTrack | null): Promise<void> {
    if (!this.publisherPc) return Promise.resolve();
    this.attachScreen(track);
    return this.publish();
  }

  /** Applies a subscriber offer after those before it; a failure breaks the generation. */
  offer(event: SfuOfferEvent): void {
    this.offers = this.offers
      .then(() => this.applyOffer(event))
      .catch(() => {
        if (!this.dropped) this.host.broken();
      });
  }

  /** The received tracks grouped by participant. */
  tracksByPeer(): Map<string, PeerTracks> {
    const byMid = new Map<string, RTCRtpTransceiver>();
    for (const tx of this.subscriberPc?.getTransceivers() ?? []) if (tx.mid) byMid.set(tx.mid, tx);
    return tracksByPeer(this.received, (mid) => byMid.get(mid)?.receiver.track ?? null);
  }

  /** Tells the server which received streams to send, and at which layer, when that changed. */
  configure(): void {
    if (!this.subscriberPc || this.dropped) return;
    const changed = changedSettings(
      streamSettings(this.received, this.host.view()),
      this.sentSettings,
    );
    if (changed.length === 0) return;
    this.host.request('sfuConfigure', { roomId: this.host.roomId, streams: changed }).catch(() => {
      // Sent again with the next change or offer.
      for (const s of changed) this.sentSettings.delete(s.mid);
    });
  }

  /** Closes both connections; nothing of this generation reaches the transport after. */
  drop(): void {
    this.dropped = true;
    clearTimeout(this.watchdog);
    for (const pc of [this.publisherPc, this.subscriberPc]) if (pc) closePc(pc);
  }

  // ---- publisher ----

  private createPublisher(): void {
    const { local, screen } = this.host.tracks();
    const pc = new RTCPeerConnection(this.host.config);
    this.publisherPc = pc;
    this.publisherTrickle = this.trickle(pc, 'publisher');
    this.watch(pc);
    const streams = [this.host.cameraStream];
    this.audioTx = pc.addTransceiver(local.audio ?? 'audio', { direction: 'sendonly', streams });
    const sendEncodings = cameraEncodings(cameraSize(local.video, this.host.video));
    this.cameraTx = pc.addTransceiver(local.video ?? 'video', {
      direction: 'sendonly',
      streams,
      ...(sendEncodings ? { sendEncodings } : {}),
    });
    preferVp8(this.cameraTx);
    if (screen) this.attachScreen(screen);
  }

  private attachScreen(track: MediaStreamTrack | null): void {
    const pc = this.publisherPc;
    if (!pc) return;
    const tx = this.screenTx;
    if (!track) {
      if (tx && tx.direction !== 'inactive') {
        void tx.sender.replaceTrack(null);
        tx.direction = 'inactive';
      }
    } else if (tx) {
      void tx.sender.replaceTrack(track);
      tx.direction = 'sendonly';
    } else {
      this.screenTx = pc.addTransceiver(track, {
        direction: 'sendonly',
        streams: [this.host.screenStream],
      });
      preferVp8(this.screenTx);
    }
  }

  /** Offers what the publisher sends now; one negotiation at a time. */
  private publish(): Promise<void> {
    this.publishing = this.publishing.then(async () => {
      const pc = this.publisherPc;
      if (!pc || this.dropped) return;
      const offer = await pc.createOffer();
      await pc.setLocalDescription(offer);
      const tx = this.screenTx;
      const screenMid = tx && tx.direction === 'sendonly' ? tx.mid : null;
      const { answer } = await this.host.request(
        'sfuPublish',
        { roomId: this.host.roomId, offer: toDescription(pc.localDescription), screenMid },
        15_000,
      );
      if (this.dropped) return;
      await pc.setRemoteDescription(answer);
      this.publisherTrickle?.open();
    });
    return this.publishing;
  }

  // ---- subscriber ----

  private createSubscriber(): RTCPeerConnection {
    const pc = new RTCPeerConnection(this.host.config);
    this.subscriberPc = pc;
    this.subscriberTrickle = this.trickle(pc, 'subscriber');
    pc.ontrack = () => {
      if (!this.dropped) this.host.mediaChanged();
    };
    this.watch(pc, (state) => this.host.subscriberState(state));
    return pc;
  }

  private async applyOffer(event: SfuOfferEvent): Promise<void> {
    if (this.dropped) return;
    // Version 1 is a new subscription on the server (it joined again): start a new connection.
    const fresh = event.version === 1 && this.lastVersion >= 1;
    if (event.version <= this.lastVersion && !fresh) return;
    this.lastVersion = event.version;
    if (fresh && this.subscriberPc) {
      closePc(this.subscriberPc);
      this.subscriberPc = null;
      this.sentSettings.clear();
    }
    const pc = this.subscriberPc ?? this.createSubscriber();
    await pc.setRemoteDescription(event.offer);
    const answer = await pc.createAnswer();
    await pc.setLocalDescription(answer);
    if (this.dropped) return;
    this.received = event.streams;
    const description = toDescription(pc.localDescription);
    await this.host.request('sfuAnswer', { roomId: this.host.roomId, answer: description });
    if (this.dropped) return;
    this.subscriberTrickle?.open();
    this.host.mediaChanged();
    this.configure();
  }

  // ---- both connections ----

  /** Sends the connection's candidates to the server once it knows the connection. */
  private trickle(pc: RTCPeerConnection, target: SfuTarget): Trickle {
    const { request, roomId } = this.host;
    const trickle = new Trickle((candidate: IceCandidateInit | null) => {
      request('sfuCandidate', { roomId, target, candidate }).catch(() => undefined);
    });
    pc.onicecandidate = (e) => {
      if (!this.dropped) trickle.push(e.candidate?.candidate ? toCandidate(e.candidate) : null);
    };
    return trickle;
  }

  private watch(pc: RTCPeerConnection, onState?: (s: RTCPeerConnectionState) => void): void {
    pc.onicecandidateerror = (e) => this.host.iceError(e.errorCode);
    pc.onconnectionstatechange = () => {
      if (this.dropped) return;
      const state = pc.connectionState;
      onState?.(state);
      if (state === 'connected') {
        clearTimeout(this.watchdog);
        const others = [this.publisherPc, this.subscriberPc].filter((p) => p && p !== pc);
        this.host.connected(others.every((p) => p?.connectionState === 'connected'));
      } else if (state === 'failed') {
        this.host.broken();
      } else if (state === 'disconnected') {
        clearTimeout(this.watchdog);
        this.watchdog = setTimeout(() => {
          if (!this.dropped && pc.connectionState !== 'connected') this.host.broken();
        }, this.host.disconnectedGraceMs);
      }
    };
  }
}

function closePc(pc: RTCPeerConnection): void {
  pc.onicecandidate = null;
  pc.ontrack = null;
  pc.onconnectionstatechange = null;
  pc.onicecandidateerror = null;
  pc.close();
}
