/**
 * A headless subscriber: one Janus videoroom subscription (one PeerConnection, one video m-line
 * per publisher) answered by libdatachannel (node-datachannel). It never decodes: each RTP packet
 * (already SRTP-decrypted by libdatachannel) only updates a per-stream counter of packets and of
 * the highest extended sequence number, from which loss is computed.
 */
import { PeerConnection, type Track } from 'node-datachannel';
import type { JanusSession } from '../../src/sfu/janus/janus-client';
import type { StreamSelector } from '../../src/sfu/janus/janus-types';

export interface CounterSnapshot {
  packets: number;
  bytes: number;
  /** Highest extended sequence number seen, -1 before the first packet. */
  highest: number;
}

/** Packets and sequence numbers of one received RTP stream (one payload type). */
export class RtpCounter {
  packets = 0;
  bytes = 0;
  highest = -1;

  constructor(readonly payloadType: number) {}

  onPacket(packet: Buffer): void {
    if (packet.length < 12 || packet[0] === undefined || (packet[0] & 0xc0) !== 0x80) return;
    const second = packet[1] ?? 0;
    if (second >= 192 && second <= 223) return; // RTCP (RFC 5761), not media
    if ((second & 0x7f) !== this.payloadType) return; // e.g. retransmissions (rtx), padding PTs
    this.packets++;
    this.bytes += packet.length;
    const seq = packet.readUInt16BE(2);
    if (this.highest < 0) {
      this.highest = seq;
      return;
    }
    const forward = (seq - (this.highest & 0xffff)) & 0xffff;
    if (forward !== 0 && forward < 0x8000) this.highest += forward; // else: late or duplicate
  }

  snapshot(): CounterSnapshot {
    return { packets: this.packets, bytes: this.bytes, highest: this.highest };
  }
}

/** mid → VP8 payload type of every video m-line of an SDP. */
export function videoPayloadTypes(sdp: string): Map<string, number> {
  const result = new Map<string, number>();
  for (const section of sdp.split(/\r?\n(?=m=)/)) {
    if (!section.startsWith('m=video')) continue;
    const mid = /^a=mid:(\S+)/m.exec(section)?.[1];
    const pt = /^a=rtpmap:(\d+) VP8\/90000/im.exec(section)?.[1];
    if (mid !== undefined && pt !== undefined) result.set(mid, Number(pt));
  }
  return result;
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no result after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export interface ReceiverOptions {
  session: JanusSession;
  room: number;
  feeds: readonly StreamSelector[];
  name: string;
  timeoutMs: number;
}

export class HeadlessReceiver {
  readonly counters: RtpCounter[] = [];
  // Kept referenced: node-datachannel closes tracks that are garbage collected.
  private readonly tracks: Track[] = [];

  private constructor(
    private readonly pc: PeerConnection,
    private readonly detachHandle: () => Promise<void>,
  ) {}

  /** Subscribes, answers Janus's offer and resolves once Janus reports the PeerConnection up. */
  static async open(options: ReceiverOptions): Promise<HeadlessReceiver> {
    const handle = await options.session.attachSubscriber();
    let pc: PeerConnection | undefined;
    try {
      const subscription = await handle.join(options.room, options.feeds);
      const payloadTypes = videoPayloadTypes(subscription.offer.sdp);
      if (payloadTypes.size !== options.feeds.length) {
        throw new Error(
          `offer has ${payloadTypes.size} VP8 m-lines for ${options.feeds.length} feeds`,
        );
      }
      // No ICE server (the default would be none, but be explicit); libjuice gathers host
      // candidates in the namespace, and Janus learns peer-reflexive ones from our checks anyway.
      const created = new PeerConnection(options.name, { iceServers: [] });
      pc = created;
      const receiver = new HeadlessReceiver(created, () => handle.detach());
      created.onTrack((track) => {
        const pt = payloadTypes.get(track.mid());
        if (pt === undefined) return;
        const counter = new RtpCounter(pt);
        receiver.tracks.push(track);
        receiver.counters.push(counter);
        track.onMessage((packet) => counter.onPacket(packet));
      });
      const gathered = new Promise<void>((resolve) => {
        created.onGatheringStateChange((state) => {
          if (state === 'complete') resolve();
        });
      });
      const up = new Promise<void>((resolve) => {
        const off = handle.on('webrtcup', () => {
          off();
          resolve();
        });
      });
      created.setRemoteDescription(subscription.offer.sdp, 'offer');
      await withTimeout(gathered, options.timeoutMs, `${options.name} ICE gathering`);
      const answer = created.localDescription();
      if (answer?.type !== 'answer') throw new Error(`${options.name}: no local answer`);
      await handle.start({ type: 'answer', sdp: answer.sdp });
      await withTimeout(up, options.timeoutMs, `${options.name} webrtcup`);
      if (receiver.counters.length !== payloadTypes.size) {
        throw new Error(
          `${options.name}: ${receiver.counters.length} tracks, expected ${payloadTypes.size}`,
        );
      }
      return receiver;
    } catch (error) {
      pc?.close();
      await handle.detach().catch(() => undefined);
      throw error;
    }
  }

  async close(): Promise<void> {
    for (const track of this.tracks) track.close();
    this.pc.close();
    await this.detachHandle().catch(() => undefined);
  }
}
