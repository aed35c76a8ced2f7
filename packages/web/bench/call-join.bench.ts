/**
 * Benchmark: time from pressing `Join call` to the first decoded remote video frame on every
 * participant, for 2 and 4 participants, next to a baseline measured in the same run: the same
 * number of pages connected by handing SDP between them through Playwright (no server at all).
 *
 *   npm run build -w @minimeet/contract && npm run build -w @minimeet/server && npm run build -w @minimeet/web
 *   unshare -n sh -c 'ip link set lo up && cd packages/web && npm run bench:call'
 *
 * BENCH_RUNS (default 5) sets the runs per case. Prints medians and the ratio app / baseline.
 */
import {
  launchCallBrowser,
  newCallUser,
  type CallSettingsInit,
  type CallUser,
} from '../e2e/call/callKit';
import { ServerHarness } from '../e2e/harness';

import { runApp } from './appJoin';
import { median } from './firstFrame';
import { runBaseline, type Case } from './meshBaseline';

const CASES: Case[] = [
  { participants: 2, video: { width: 640, height: 360, frameRate: 24 } },
  { participants: 4, video: { width: 320, height: 240, frameRate: 15 } },
];
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
/** e.g. BENCH_CASES=4 runs only the four-participant case. */
const ONLY = process.env.BENCH_CASES?.split(',').map(Number);

async function main(): Promise<void> {
  const server = new ServerHarness();
  // Interrupted (Ctrl-C, timeout) or output cut short: never leave the server child behind.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => void server.dispose().finally(() => process.exit(130)));
  }
  process.stdout.on('error', () => undefined);
  await server.start();
  const browser = await launchCallBrowser();
  const rows: string[] = [];
  const runs: string[] = [];
  try {
    for (const c of CASES.filter((k) => !ONLY || ONLY.includes(k.participants))) {
      const settings: CallSettingsInit = { video: c.video };
      const app: number[] = [];
      const rendered: number[] = [];
      const bare: number[] = [];
      // Run -1 warms up (first getUserMedia and codec start are slower) and is not counted.
      for (let r = -1; r < RUNS; r += 1) {
        // Fresh browser profiles for every run, as for the baseline pages: see BENCHMARKS-calls.md.
        const users: CallUser[] = [];
        for (let i = 0; i < c.participants; i += 1) {
          const name = `b${c.participants}r${r + 1}u${i}`;
          users.push(await newCallUser(browser, server.url, name, { settings }));
        }
        const appMs = await runApp(server, users, r);
        await Promise.all(users.map((u) => u.context.close()));
        const renderedMs = await runBaseline(browser, server, c, true);
        const bareMs = await runBaseline(browser, server, c, false);
        if (r < 0) continue;
        app.push(appMs);
        rendered.push(renderedMs);
        bare.push(bareMs);
        process.stdout.write(
          `  ${c.participants} participants run ${r + 1}: MiniMeet ${appMs} ms, baseline rendered ${renderedMs} ms, bare ${bareMs} ms\n`,
        );
      }
      const m = { app: median(app), rendered: median(rendered), bare: median(bare) };
      rows.push(
        `| ${c.participants} | ${c.video.width}x${c.video.height}@${c.video.frameRate} | ${m.app} ms | ${m.rendered} ms | ${(m.app / m.rendered).toFixed(2)}x | ${m.bare} ms | ${(m.app / m.bare).toFixed(2)}x |`,
      );
      runs.push(
        `${c.participants} participants: MiniMeet ${app.join(', ')}; rendered ${rendered.join(', ')}; bare ${bare.join(', ')}`,
      );
    }
  } finally {
    await browser.close();
    await server.dispose();
  }
  process.stdout.write(
    [
      '',
      `Join call -> first decoded remote video frame on every participant (median of ${RUNS} runs)`,
      '| participants | video | MiniMeet | baseline, rendered | ratio | baseline, bare | ratio |',
      '|---|---|---|---|---|---|---|',
      ...rows,
      '',
      'Runs (ms):',
      ...runs,
      '',
    ].join('\n'),
  );
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
