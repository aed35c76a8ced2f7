/**
 * Benchmark: join-to-first-remote-frame and browser CPU of calls through the SFU (6 and 8
 * participants) next to the 4-person peer-to-peer mesh, in the same run.
 *
 *   npm run build
 *   unshare -n sh -c 'ip link set lo up && cd packages/web && npm run bench:sfu'
 *
 * The namespace gets a veth holding 127.0.0.2 for Janus (created here when missing). BENCH_RUNS
 * (default 3) sets the runs per case, BENCH_CPU_SECONDS (default 10) the CPU window.
 */
import { readdirSync, readFileSync } from 'node:fs';
import {
  ensureSfuNetwork,
  launchCallBrowser,
  newCallUser,
  SFU_ICE_INTERFACE,
  startServer,
  type CallUser,
} from '../e2e/call/callKit';
import { runApp } from './appJoin';
import { median } from './firstFrame';

interface Case {
  media: 'mesh' | 'sfu';
  participants: number;
}
const CASES: Case[] = [
  { media: 'mesh', participants: 4 },
  { media: 'sfu', participants: 6 },
  { media: 'sfu', participants: 8 },
];
const VIDEO = { width: 320, height: 240, frameRate: 15 };
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const CPU_SECONDS = Number(process.env.BENCH_CPU_SECONDS ?? 10);
const TICKS = 100; // USER_HZ on Linux

/** CPU seconds used so far by every Chromium process started from this one (all pages). */
function browserCpuSeconds(): number {
  const children = new Map<number, number[]>();
  const stats = new Map<number, { comm: string; ticks: number }>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const raw = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const comm = raw.slice(raw.indexOf('(') + 1, raw.lastIndexOf(')'));
      const fields = raw.slice(raw.lastIndexOf(')') + 2).split(' ');
      const ppid = Number(fields[1]);
      const ticks = Number(fields[11]) + Number(fields[12]);
      const pid = Number(entry);
      stats.set(pid, { comm, ticks });
      children.set(ppid, [...(children.get(ppid) ?? []), pid]);
    } catch {
      // The process ended while we looked.
    }
  }
  let total = 0;
  const visit = (pid: number): void => {
    for (const child of children.get(pid) ?? []) {
      const s = stats.get(child);
      if (s?.comm.startsWith('chrom')) total += s.ticks;
      visit(child);
    }
  };
  visit(process.pid);
  return total / TICKS;
}

async function measureCpu(): Promise<number> {
  const before = browserCpuSeconds();
  const t0 = Date.now();
  await new Promise((resolve) => setTimeout(resolve, CPU_SECONDS * 1000));
  return (browserCpuSeconds() - before) / ((Date.now() - t0) / 1000);
}

async function main(): Promise<void> {
  ensureSfuNetwork();
  const browser = await launchCallBrowser();
  const rows: string[] = [];
  const runs: string[] = [];
  try {
    for (const c of CASES) {
      const server = await startServer({
        CALL_MEDIA: c.media,
        JANUS_ICE_INTERFACE: SFU_ICE_INTERFACE,
        CALL_MAX_PARTICIPANTS: '25',
      });
      const joins: number[] = [];
      const cpus: number[] = [];
      try {
        for (let r = -1; r < RUNS; r += 1) {
          const users: CallUser[] = [];
          for (let i = 0; i < c.participants; i += 1) {
            const name = `s${c.participants}${c.media}r${r + 1}u${i}`;
            users.push(
              await newCallUser(browser, server.url, name, { settings: { video: VIDEO } }),
            );
          }
          const joinMs = await runApp(server, users, r);
          const cpu = await measureCpu();
          await Promise.all(users.map((u) => u.context.close()));
          if (r < 0) continue;
          joins.push(joinMs);
          cpus.push(cpu);
          process.stdout.write(
            `  ${c.participants} ${c.media} run ${r + 1}: ${joinMs} ms, browser CPU ${cpu.toFixed(2)} cores\n`,
          );
        }
      } finally {
        await server.dispose();
      }
      const cpu = median(cpus);
      rows.push(
        `| ${c.media} | ${c.participants} | ${median(joins)} ms | ${cpu.toFixed(2)} | ${(cpu / c.participants).toFixed(3)} |`,
      );
      runs.push(
        `${c.participants} ${c.media}: join ${joins.join(', ')} ms; CPU ${cpus.map((x) => x.toFixed(2)).join(', ')} cores`,
      );
    }
  } finally {
    await browser.close();
  }
  process.stdout.write(
    [
      '',
      `Join call -> first decoded remote video frame on every participant, and the browser CPU of`,
      `the running call (all pages, ${CPU_SECONDS} s window), median of ${RUNS} runs, video ${VIDEO.width}x${VIDEO.height}@${VIDEO.frameRate}`,
      '| transport | participants | join -> all first frames | browser CPU (cores) | per participant |',
      '|---|---|---|---|---|',
      ...rows,
      '',
      'Runs:',
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
