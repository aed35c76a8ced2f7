/**
 * Benchmark: CPU of the page that sends video, with the background blur off and then on, in the
 * same session (two pages in a call, 640x360 at 24 fps). Reads Chromium's own counters over a
 * fixed window through CDP `Performance.getMetrics`: `TaskDuration` (main-thread work, where the
 * segmentation and compositing run) and, when the browser reports it, `ProcessTime` (the whole
 * renderer process). Also prints the frames per second the other page decodes.
 *
 *   npm run build
 *   unshare -n sh -c 'ip link set lo up && npm run bench:blur -w @minimeet/web'
 *
 * BENCH_WINDOW_S (default 15) sets the measuring window.
 */
import type { Page } from 'playwright-core';
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

async function metrics(page: Page): Promise<Record<string, number>> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const { metrics: list } = await cdp.send('Performance.getMetrics');
  await cdp.detach();
  return Object.fromEntries(list.map((m) => [m.name, m.value]));
}

async function framesFrom(viewer: Page, from: string): Promise<number> {
  return (await inbound(viewer)).find((p) => p.username === from)?.cameraFramesDecoded ?? 0;
}

/** CPU of `sender` (% of one core) and frames `viewer` decodes from it, over the window. */
async function measure(sender: Page, viewer: Page, from: string) {
  const m0 = await metrics(sender);
  const f0 = await framesFrom(viewer, from);
  const t0 = Date.now();
  await new Promise((ok) => setTimeout(ok, WINDOW_S * 1000));
  const m1 = await metrics(sender);
  const f1 = await framesFrom(viewer, from);
  const seconds = (Date.now() - t0) / 1000;
  const pct = (key: string) =>
    m0[key] === undefined || m1[key] === undefined
      ? 'n/a'
      : `${((100 * ((m1[key] ?? 0) - (m0[key] ?? 0))) / seconds).toFixed(0)} %`;
  return {
    mainThread: pct('TaskDuration'),
    process: pct('ProcessTime'),
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
    const off = await measure(bob.page, alice.page, 'blursender');
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
    const on = await measure(bob.page, alice.page, 'blursender');
    process.stdout.write(
      [
        '',
        `Sending page, ${settings.video.width}x${settings.video.height}@${settings.video.frameRate}, ${WINDOW_S} s window:`,
        '| blur | main thread CPU | renderer process CPU | frames/s decoded by the other page |',
        '| --- | --- | --- | --- |',
        `| off | ${off.mainThread} | ${off.process} | ${off.fps} |`,
        `| on | ${on.mainThread} | ${on.process} | ${on.fps} |`,
        '',
      ].join('\n'),
    );
  } finally {
    await browser.close();
    await server.dispose();
  }
}

await main();
