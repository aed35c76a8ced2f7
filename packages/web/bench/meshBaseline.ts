import type { Browser } from 'playwright-core';
import type { ServerHarness } from '../e2e/harness';
import { armFirstFrameProbe, doneAt } from './firstFrame';

export interface Case {
  participants: number;
  video: { width: number; height: number; frameRate: number };
}

/** Same pages, same constraints, full mesh, SDP carried by Playwright: no server in the loop. */
export async function runBaseline(
  browser: Browser,
  server: ServerHarness,
  c: Case,
  render: boolean,
): Promise<number> {
  const contexts = await Promise.all(
    Array.from({ length: c.participants }, () => browser.newContext()),
  );
  const pages = await Promise.all(contexts.map((ctx) => ctx.newPage()));
  await Promise.all(pages.map((p) => p.goto(`${server.url}/api/health`)));
  for (const p of pages) await armFirstFrameProbe(p, c.participants - 1, 'baseline');
  await Promise.all(
    pages.map((p) =>
      p.evaluate(
        async ({ video, render }) => {
          window.__benchT0 = Date.now();
          // "rendered": show the local camera and every remote stream in <video> elements, as the
          // app's grid does; "bare": decode only.
          const show = (s: MediaStream, muted: boolean) => {
            if (!render) return;
            const el = document.createElement('video');
            el.autoplay = true;
            el.playsInline = true;
            el.muted = muted;
            el.width = 240;
            el.srcObject = s;
            document.body.append(el);
          };
          const w = window as unknown as {
            __benchStream?: MediaStream;
            __benchPcs?: RTCPeerConnection[];
          };
          const stream = await navigator.mediaDevices.getUserMedia({
            audio: true,
            video: {
              width: { ideal: video.width },
              height: { ideal: video.height },
              frameRate: { ideal: video.frameRate, max: video.frameRate },
            },
          });
          w.__benchStream = stream;
          show(stream, true);
          const pending = new Map<string, RTCPeerConnection>();
          const connection = (): RTCPeerConnection => {
            const pc = new RTCPeerConnection({ iceServers: [], bundlePolicy: 'max-bundle' });
            for (const t of stream.getTracks()) pc.addTrack(t, stream);
            pc.addEventListener('track', (e) => {
              if (e.track.kind === 'video' && e.streams[0]) show(e.streams[0], false);
            });
            (w.__benchPcs ??= []).push(pc);
            return pc;
          };
          const describe = async (pc: RTCPeerConnection): Promise<RTCSessionDescriptionInit> => {
            await pc.setLocalDescription();
            if (pc.iceGatheringState !== 'complete') {
              await new Promise<void>((ok) =>
                pc.addEventListener('icegatheringstatechange', () => {
                  if (pc.iceGatheringState === 'complete') ok();
                }),
              );
            }
            const desc = pc.localDescription;
            if (!desc) throw new Error('no local description');
            return { type: desc.type, sdp: desc.sdp };
          };
          window.__bench = {
            offer: async (key) => {
              const pc = connection();
              pending.set(key, pc);
              return describe(pc);
            },
            answer: async (offer) => {
              const pc = connection();
              await pc.setRemoteDescription(offer);
              return describe(pc);
            },
            accept: async (key, answer) => {
              await pending.get(key)?.setRemoteDescription(answer);
            },
          };
        },
        { video: c.video, render },
      ),
    ),
  );
  const pairs: [number, number][] = [];
  for (let i = 0; i < pages.length; i += 1)
    for (let j = i + 1; j < pages.length; j += 1) pairs.push([i, j]);
  // Each pair: offer on i, answer on j, answer back to i. Non-trickle: loopback gathers in ms.
  await Promise.all(
    pairs.map(async ([i, j]) => {
      const key = `${i}-${j}`;
      const offer = await pages[i]!.evaluate((k) => window.__bench!.offer(k), key);
      const answer = await pages[j]!.evaluate((o) => window.__bench!.answer(o), offer);
      await pages[i]!.evaluate(({ k, a }) => window.__bench!.accept(k, a), { k: key, a: answer });
    }),
  );
  const done = await Promise.all(pages.map((p) => doneAt(p)));
  const starts = await Promise.all(pages.map((p) => p.evaluate(() => window.__benchT0 ?? 0)));
  const took = Math.max(...done) - Math.min(...starts);
  await Promise.all(contexts.map((ctx) => ctx.close()));
  return took;
}
