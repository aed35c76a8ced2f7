import type { Page } from 'playwright-core';

declare global {
  interface Window {
    /** When the measured interval started in this page. */
    __benchT0?: number;
    /** Baseline pages: SDP in and out, nothing else. */
    __bench?: {
      offer: (key: string) => Promise<RTCSessionDescriptionInit>;
      answer: (offer: RTCSessionDescriptionInit) => Promise<RTCSessionDescriptionInit>;
      accept: (key: string, answer: RTCSessionDescriptionInit) => Promise<void>;
    };
  }
}

const POLL_MS = 25;

export const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
};

/**
 * Starts, inside the page, a loop that records (window.__benchDone) when video from `expected`
 * peers has been decoded: through the app's read-only test hook, or the baseline's own connections.
 */
export async function armFirstFrameProbe(
  page: Page,
  expected: number,
  source: 'app' | 'baseline',
): Promise<void> {
  await page.evaluate(
    ({ expected, source, pollMs }) => {
      const w = window as unknown as { __benchDone?: number; __benchPcs?: RTCPeerConnection[] };
      w.__benchDone = undefined;
      const framesPerPeer = async (): Promise<number[]> => {
        if (source === 'app') {
          const list = (await window.__minimeetCall?.inbound()) ?? [];
          return list.map((p) => p.cameraFramesDecoded);
        }
        return Promise.all(
          (w.__benchPcs ?? []).map(async (pc) => {
            let frames = 0;
            (await pc.getStats()).forEach(
              (s: { type: string; kind?: string; framesDecoded?: number }) => {
                if (s.type === 'inbound-rtp' && s.kind === 'video') frames += s.framesDecoded ?? 0;
              },
            );
            return frames;
          }),
        );
      };
      const tick = async (): Promise<void> => {
        const frames = await framesPerPeer();
        if (frames.length === expected && frames.every((f) => f > 0)) w.__benchDone = Date.now();
        else setTimeout(() => void tick(), pollMs);
      };
      void tick();
    },
    { expected, source, pollMs: POLL_MS },
  );
}

export async function doneAt(page: Page): Promise<number> {
  try {
    const handle = await page.waitForFunction(
      () => (window as unknown as { __benchDone?: number }).__benchDone,
      null,
      { timeout: 60_000, polling: 50 },
    );
    return (await handle.jsonValue()) as number;
  } catch (error) {
    const state = await page.evaluate(() => window.__minimeetCall?.inbound() ?? null);
    throw new Error(`no first frame on ${page.url()}: ${JSON.stringify(state)}`, { cause: error });
  }
}
