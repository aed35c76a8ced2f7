/**
 * Real VP8 senders: one headless Debian Chromium page holding one RTCPeerConnection per publisher
 * (fake camera, video only). SDP goes in and out of the page with page.evaluate; signalling with
 * Janus is done from Node through the typed Janus client.
 */
import { chromium, type Browser, type Page } from 'playwright-core';
import type { JanusSession, VideoRoomPublisher } from '../../src/sfu/janus/janus-client';

const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
  '--allow-loopback-in-peer-connection',
  '--disable-features=WebRtcHideLocalIpsWithMdns',
];

// 127.0.0.1 is a secure context (getUserMedia needs one); the page is served by page.route.
const PAGE_URL = 'http://127.0.0.1:9/bench';

export interface VideoConstraints {
  width: number;
  height: number;
  fps: number;
}

export interface SenderStats {
  packetsSent: number;
  bytesSent: number;
  framesEncoded: number;
  frameWidth: number;
  frameHeight: number;
}

interface BenchPageState {
  benchPcs: RTCPeerConnection[];
}

export interface BenchPublisher {
  handle: VideoRoomPublisher;
  feed: number;
  mid: string;
}

export class ChromiumPublishers {
  private constructor(
    private readonly browser: Browser,
    private readonly page: Page,
    readonly publishers: BenchPublisher[],
  ) {}

  static async start(options: {
    session: JanusSession;
    room: number;
    count: number;
    video: VideoConstraints;
    timeoutMs: number;
  }): Promise<ChromiumPublishers> {
    const browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: CHROMIUM_FLAGS,
    });
    const publishers: BenchPublisher[] = [];
    try {
      const page = await browser.newPage();
      await page.route(PAGE_URL, (route) =>
        route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>bench</title>' }),
      );
      await page.goto(PAGE_URL);
      const group = new ChromiumPublishers(browser, page, publishers);
      for (let i = 0; i < options.count; i++) {
        publishers.push(await group.publishOne(i, options));
      }
      return group;
    } catch (error) {
      await browser.close();
      throw error;
    }
  }

  private async publishOne(
    index: number,
    options: { session: JanusSession; room: number; video: VideoConstraints; timeoutMs: number },
  ): Promise<BenchPublisher> {
    const handle = await options.session.attachPublisher();
    const joined = await handle.join({ room: options.room, display: `bench-publisher-${index}` });
    const offer = await this.page.evaluate(
      async ({ index, video }) => {
        const state = globalThis as unknown as BenchPageState;
        state.benchPcs ??= [];
        const pc = new RTCPeerConnection({ iceServers: [] });
        state.benchPcs[index] = pc;
        const stream = await navigator.mediaDevices.getUserMedia({
          audio: false,
          video: {
            width: { ideal: video.width },
            height: { ideal: video.height },
            frameRate: { ideal: video.fps },
          },
        });
        const track = stream.getVideoTracks()[0];
        if (!track) throw new Error('no camera track');
        const { sender } = pc.addTransceiver(track, { direction: 'sendonly', streams: [stream] });
        // Keep the offered load constant: no resolution/frame-rate cuts when the CPU is busy.
        // (Older Chromium only knows 'maintain-resolution'.)
        for (const preference of ['maintain-framerate-and-resolution', 'maintain-resolution']) {
          try {
            await sender.setParameters({
              ...sender.getParameters(),
              degradationPreference: preference as RTCDegradationPreference,
            });
            break;
          } catch {
            // try the next one
          }
        }
        await pc.setLocalDescription(await pc.createOffer());
        await new Promise<void>((resolve) => {
          if (pc.iceGatheringState === 'complete') return resolve();
          pc.addEventListener('icegatheringstatechange', () => {
            if (pc.iceGatheringState === 'complete') resolve();
          });
        });
        return pc.localDescription?.sdp ?? '';
      },
      { index, video: options.video },
    );
    const up = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`publisher ${index}: no webrtcup`)),
        options.timeoutMs,
      );
      const off = handle.on('webrtcup', () => {
        clearTimeout(timer);
        off();
        resolve();
      });
    });
    const published = await handle.publish({ type: 'offer', sdp: offer });
    await this.page.evaluate(
      async ({ index, sdp }) => {
        const state = globalThis as unknown as BenchPageState;
        await state.benchPcs[index]?.setRemoteDescription({ type: 'answer', sdp });
      },
      { index, sdp: published.answer.sdp },
    );
    await handle.trickleComplete();
    await up;
    const mid = published.streams.find((s) => s.type === 'video')?.mid;
    if (mid === undefined) throw new Error(`publisher ${index}: Janus lists no video stream`);
    return { handle, feed: joined.publisherId, mid };
  }

  /** Totals of the pages' outbound video (getStats "outbound-rtp"). */
  async senderStats(): Promise<SenderStats[]> {
    return this.page.evaluate(async () => {
      const state = globalThis as unknown as BenchPageState;
      const result: SenderStats[] = [];
      for (const pc of state.benchPcs) {
        const totals: SenderStats = {
          packetsSent: 0,
          bytesSent: 0,
          framesEncoded: 0,
          frameWidth: 0,
          frameHeight: 0,
        };
        // No named helper in here: tsx would wrap it in __name(), unknown inside the page.
        (await pc.getStats()).forEach((report: Record<string, unknown>) => {
          if (report.type !== 'outbound-rtp' || report.kind !== 'video') return;
          const value = (
            ['packetsSent', 'bytesSent', 'framesEncoded', 'frameWidth', 'frameHeight'] as const
          ).map((key) => (typeof report[key] === 'number' ? report[key] : 0));
          totals.packetsSent += value[0] ?? 0;
          totals.bytesSent += value[1] ?? 0;
          totals.framesEncoded += value[2] ?? 0;
          totals.frameWidth = Math.max(totals.frameWidth, value[3] ?? 0);
          totals.frameHeight = Math.max(totals.frameHeight, value[4] ?? 0);
        });
        result.push(totals);
      }
      return result;
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.publishers.map((p) => p.handle.detach().catch(() => undefined)));
    await this.browser.close().catch(() => undefined);
  }
}
