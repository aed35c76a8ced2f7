/**
 * Benchmark: CPU of the page that sends video, with the background blur off and then on, in the
 * same session (two pages in a call, 640x360 at 24 fps). Reads Chromium's own counters over a
 * fixed window through CDP `Performance.getMetrics`: `TaskDuration` (main-thread work, where the
 * segmentation and compositing run) and, when the browser reports it, `ProcessTime` (the whole
 * renderer process); and through the browser's `SystemInfo.getProcessInfo` the GPU process
 * (MediaPipe runs the model with WebGL, which is SwiftShader on the CPU here) and the whole
 * browser (both pages: the viewer's share stays the same off and on). Also prints the frames per second the other page decodes.
 *
 *   npm run build
 *   unshare -n sh -c 'ip link set lo up && npm run bench:blur -w @minimeet/web'
 *
 * BENCH_WINDOW_S (default 15) sets the measuring window.
 */
import type { Browser, Page } from 'playwright-core';
import {
  createRoom,
  inbound,
  joinCall,
  launchCallBrowser,
  newCallUser,
  openRoom,
  startServer,
} from '../e2e/call/callKit';
import { waitFor } from '../e2e/waitFor';

const WINDOW_S = Number(process.env.BENCH_WINDOW_S ?? 15);
const settings = { video: { width: 640, height: 360, frameRate: 24 } };

/** The page's counters (one CDP session for the whole window: they count from `enable`). */
async function pageMetrics(page: Page): Promise<() => Promise<Record<string, number>>> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  return async () => {
    const { metrics: list } = await cdp.send('Performance.getMetrics');
    return Object.fromEntries(list.map((m) => [m.name, m.value]));
  };
}

/** CPU seconds of the browser's GPU process (WebGL, where the segmentation runs) and of all. */
async function processTimes(browser: Browser): Promise<{ gpu: number; all: number }> {
  const cdp = await browser.newBrowserCDPSession();
  const { processInfo } = (await cdp.send('SystemInfo.getProcessInfo')) as {
    processInfo: { type: string; cpuTime: number }[];
  };
  await cdp.detach();
  const sum = (list: { cpuTime: number }[]) => list.reduce((a, p) => a + p.cpuTime, 0);
  return { gpu: sum(processInfo.filter((p) => p.type === 'GPU')), all: sum(processInfo) };
}

async function framesFrom(viewer: Page, from: string): Promise<number> {
  return (await inbound(viewer)).find((p) => p.username === from)?.cameraFramesDecoded ?? 0;
}

/** CPU of `sender` (% of one core) and frames `viewer` decodes from it, over the window. */
async function measure(browser: Browser, sender: Page, viewer: Page, from: string) {
  const p0 = await processTimes(browser);
  const metrics = await pageMetrics(sender);
  const m0 = await metrics();
  const f0 = await framesFrom(viewer, from);
  const t0 = Date.now();
  await new Promise((ok) => setTimeout(ok, WINDOW_S * 1000));
  const m1 = await metrics();
  const p1 = await processTimes(browser);
  const f1 = await framesFrom(viewer, from);
  const seconds = (Date.now() - t0) / 1000;
  const pct = (key: string) =>
    m0[key] === undefined || m1[key] === undefined
      ? 'n/a'
      : `${((100 * ((m1[key] ?? 0) - (m0[key] ?? 0))) / seconds).toFixed(0)} %`;
  return {
    mainThread: pct('TaskDuration'),
    process: pct('ProcessTime'),
    gpu: `${((100 * (p1.gpu - p0.gpu)) / seconds).toFixed(0)} %`,
    all: `${((100 * (p1.all - p0.all)) / seconds).toFixed(0)} %`,
    fps: ((f1 - f0) / seconds).toFixed(1),
  };
}

async function main(): Promise<void> {
  const server = await startServer();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => void server.dispose().finally(() => process.exit(130)));
  }
  const browser = await launchCallBrowser();
  try {
    const alice = await newCallUser(browser, server.url, 'blurviewer', { settings });
    const bob = await newCallUser(browser, server.url, 'blursender', { settings });
    const roomId = await createRoom(alice, 'Blur bench');
    await openRoom(alice, roomId);
    await openRoom(bob, roomId);
    await joinCall(alice);
    await joinCall(bob);
    await waitFor(async () => (await framesFrom(alice.page, 'blursender')) > 30, {
      message: 'alice receives bob',
      timeout: 30_000,
    });
    const off = await measure(browser, bob.page, alice.page, 'blursender');
    await bob.page.getByRole('button', { name: 'Devices' }).click();
    await bob.page
      .getByRole('region', { name: 'Call devices' })
      .getByLabel('Background')
      .selectOption('blur');
    await waitFor(
      () => bob.page.evaluate(() => window.__minimeetCall?.localTracks().processed === true),
      { message: 'blur on', timeout: 60_000 },
    );
    // Let the model warm up before measuring.
    await new Promise((ok) => setTimeout(ok, 3000));
    const on = await measure(browser, bob.page, alice.page, 'blursender');
    process.stdout.write(
      [
        '',
        `Sending page, ${settings.video.width}x${settings.video.height}@${settings.video.frameRate}, ${WINDOW_S} s window:`,
        '| blur | sender main thread | sender renderer process | GPU process (WebGL) | whole browser (both pages) | frames/s decoded by the other page |',
        '| --- | --- | --- | --- | --- | --- |',
        `| off | ${off.mainThread} | ${off.process} | ${off.gpu} | ${off.all} | ${off.fps} |`,
        `| on | ${on.mainThread} | ${on.process} | ${on.gpu} | ${on.all} | ${on.fps} |`,
        '',
      ].join('\n'),
    );
  } finally {
    await browser.close();
    await server.dispose();
  }
}

await main();
