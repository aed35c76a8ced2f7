/**
 * npm run bench:janus -w @minimeet/server -- [--publishers 3] [--steps 60,120,240,480,720,960,1200]
 *   [--window 10] [--settle 3] [--width 640 --height 480 --fps 30] [--loss-limit 1] [--max-minutes 12]
 *
 * Janus forwarding capacity. Runs as root in a network namespace it creates itself (re-exec under
 * `unshare -n`; lo plus a veth holding 127.0.0.2/32, Janus's ice_enforce_list). A few Chromium
 * publishers send real VP8; headless node-datachannel subscribers (one PeerConnection each, one
 * video m-line per publisher) count RTP packets without decoding. The number of forwarded video
 * streams is ramped up step by step while loss stays under the limit and the machine keeps up;
 * each step reports Janus's CPU (utime+stime from /proc/<pid>/stat over the window) as cores and
 * forwarded streams per core of Janus CPU.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Logger } from '@nestjs/common';
import nodeDataChannel from 'node-datachannel';
import { JanusConnection, type JanusSession } from '../src/sfu/janus/janus-client';
import { JanusSupervisor } from '../src/sfu/janus/janus-supervisor';
import { BENCH_IFACE, enterPrivateNetwork } from './janus/netns';
import { ChromiumPublishers, type SenderStats } from './janus/publishers';
import { HeadlessReceiver, type CounterSnapshot } from './janus/receiver';

const { values } = parseArgs({
  options: {
    publishers: { type: 'string', default: '3' },
    steps: { type: 'string', default: '60,120,240,480,720,960,1200,1500' },
    window: { type: 'string', default: '10' },
    settle: { type: 'string', default: '3' },
    width: { type: 'string', default: '640' },
    height: { type: 'string', default: '480' },
    fps: { type: 'string', default: '30' },
    'loss-limit': { type: 'string', default: '1' },
    'max-minutes': { type: 'string', default: '12' },
    'receivers-per-session': { type: 'string', default: '50' },
  },
});
const publisherCount = Number(values.publishers);
const steps = values.steps.split(',').map(Number);
const windowSeconds = Number(values.window);
const settleSeconds = Number(values.settle);
const video = {
  width: Number(values.width),
  height: Number(values.height),
  fps: Number(values.fps),
};
const lossLimitPercent = Number(values['loss-limit']);
const deadline = Date.now() + Number(values['max-minutes']) * 60_000;
const receiversPerSession = Number(values['receivers-per-session']);
const SETUP_TIMEOUT_MS = 15_000;
const OPEN_CONCURRENCY = 8;

const print = (line: string) => process.stdout.write(`${line}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const clockTicks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());

/** utime + stime of a process (all its threads), in seconds. */
function processCpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / clockTicks;
}

/** Busy and total CPU seconds of the whole machine (all cores), from /proc/stat. */
function machineCpuSeconds(): { busy: number; total: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
  const ticks = line.trim().split(/\s+/).slice(1).map(Number);
  const total = ticks.reduce((a, b) => a + b, 0);
  const idle = (ticks[3] ?? 0) + (ticks[4] ?? 0);
  return { busy: (total - idle) / clockTicks, total: total / clockTicks };
}

interface StepResult {
  streams: number;
  receivers: number;
  lossPercent: number;
  silentStreams: number;
  janusCores: number;
  streamsPerCore: number;
  receiverCores: number;
  machineBusyCores: number;
  machineCores: number;
  packetsPerStreamPerSecond: number;
  kbitPerStream: number;
  senderPacketsPerSecond: number;
  senderFps: number;
  senderResolution: string;
  /** false when the publishers no longer sent at the rate of the first step. */
  valid: boolean;
}

function lossOf(before: CounterSnapshot[], after: CounterSnapshot[]) {
  let expected = 0;
  let received = 0;
  let bytes = 0;
  let silent = 0;
  after.forEach((end, i) => {
    const start = before[i];
    if (!start || start.highest < 0 || end.packets === start.packets) {
      silent++;
      return;
    }
    expected += end.highest - start.highest;
    received += end.packets - start.packets;
    bytes += end.bytes - start.bytes;
  });
  const lost = Math.max(0, expected - received);
  return { lossPercent: expected > 0 ? (100 * lost) / expected : 100, received, bytes, silent };
}

async function main(): Promise<void> {
  enterPrivateNetwork();
  Logger.overrideLogger(['warn', 'error', 'fatal']);
  const workDir = mkdtempSync(join(tmpdir(), 'minimeet-janus-bench-'));
  const apiSecret = randomBytes(16).toString('hex');
  const adminKey = randomBytes(16).toString('hex');
  const supervisor = new JanusSupervisor({
    readyTimeoutMs: 20_000,
    stopTimeoutMs: 5_000,
    restartBackoffMs: [60_000],
    config: {
      workDir,
      wsPort: 8188,
      apiSecret,
      videoroomAdminKey: adminKey,
      rtpPortRange: { min: 20_000, max: 40_000 },
      iceEnforceList: BENCH_IFACE,
      logLevel: 'warn',
      sessionTimeoutSeconds: 300,
    },
  });
  const receivers: HeadlessReceiver[] = [];
  let publishers: ChromiumPublishers | undefined;
  let connection: JanusConnection | undefined;
  const watchdog = setTimeout(
    () => {
      print('watchdog: time limit exceeded, killing everything');
      process.exit(3); // the supervisor's exit hook SIGKILLs Janus; Chromium dies with its pipe
    },
    Number(values['max-minutes']) * 60_000 + 120_000,
  );
  watchdog.unref();
  const results: StepResult[] = [];
  let stopReason = 'all steps done';
  try {
    const started = await supervisor.start();
    if (started.status !== 'running') throw new Error(`Janus unavailable: ${started.reason}`);
    const janusPid = started.pid;
    connection = await JanusConnection.connect(started.url, apiSecret, {
      requestTimeoutMs: SETUP_TIMEOUT_MS,
    });
    const control = await connection.createSession();
    const admin = await control.attachAdmin();
    const room = await admin.createRoom({ publishers: publisherCount, secret: 'bench', adminKey });
    publishers = await ChromiumPublishers.start({
      session: control,
      room,
      count: publisherCount,
      video,
      timeoutMs: SETUP_TIMEOUT_MS,
    });
    const feeds = publishers.publishers.map(({ feed, mid }) => ({ feed, mid }));
    print(
      `Janus pid ${janusPid}, ${publisherCount} Chromium VP8 publishers at ` +
        `${video.width}x${video.height}@${video.fps}, ${os()}`,
    );
    print(
      'streams | receivers | loss % | silent | Janus cores | streams/core | receivers cores | machine busy | pkt/s/stream | kbit/s/stream | sender pkt/s | sender fps | sender res',
    );

    const sessions: JanusSession[] = [];
    const sessionFor = async (index: number): Promise<JanusSession> => {
      const slot = Math.floor(index / receiversPerSession);
      while (sessions.length <= slot) sessions.push(await connection!.createSession());
      return sessions[slot]!;
    };

    for (const target of steps) {
      if (Date.now() > deadline) {
        stopReason = 'time budget reached';
        break;
      }
      const wanted = Math.ceil(target / publisherCount);
      try {
        while (receivers.length < wanted) {
          const batch = Math.min(OPEN_CONCURRENCY, wanted - receivers.length);
          const base = receivers.length;
          const opened = await Promise.allSettled(
            Array.from({ length: batch }, async (_, k) =>
              HeadlessReceiver.open({
                session: await sessionFor(base + k),
                room,
                feeds,
                name: `rx${base + k}`,
                timeoutMs: SETUP_TIMEOUT_MS,
              }),
            ),
          );
          for (const r of opened) if (r.status === 'fulfilled') receivers.push(r.value);
          const failed = opened.find((r) => r.status === 'rejected');
          if (failed) throw failed.reason;
        }
      } catch (error) {
        stopReason = `could not add subscribers at ${target} streams: ${error instanceof Error ? error.message : String(error)}`;
        break;
      }
      await sleep(settleSeconds * 1000);

      const counters = receivers.flatMap((r) => r.counters);
      const before = counters.map((c) => c.snapshot());
      const janus0 = processCpuSeconds(janusPid);
      const self0 = process.cpuUsage();
      const machine0 = machineCpuSeconds();
      const senders0 = await publishers.senderStats();
      const t0 = process.hrtime.bigint();
      await sleep(windowSeconds * 1000);
      const after = counters.map((c) => c.snapshot());
      const janus1 = processCpuSeconds(janusPid);
      const self1 = process.cpuUsage(self0);
      const machine1 = machineCpuSeconds();
      const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
      const senders1 = await publishers.senderStats();

      const streams = counters.length;
      const loss = lossOf(before, after);
      const janusCores = (janus1 - janus0) / seconds;
      const sum = (list: SenderStats[], key: 'packetsSent' | 'framesEncoded') =>
        list.reduce((a, s) => a + s[key], 0);
      const result: StepResult = {
        streams,
        receivers: receivers.length,
        lossPercent: loss.lossPercent,
        silentStreams: loss.silent,
        janusCores,
        streamsPerCore: streams / janusCores,
        receiverCores: (self1.user + self1.system) / 1e6 / seconds,
        machineBusyCores: (machine1.busy - machine0.busy) / seconds,
        machineCores: (machine1.total - machine0.total) / seconds,
        packetsPerStreamPerSecond: loss.received / Math.max(1, streams - loss.silent) / seconds,
        kbitPerStream: (loss.bytes * 8) / 1000 / Math.max(1, streams - loss.silent) / seconds,
        senderPacketsPerSecond:
          (sum(senders1, 'packetsSent') - sum(senders0, 'packetsSent')) / publisherCount / seconds,
        senderFps:
          (sum(senders1, 'framesEncoded') - sum(senders0, 'framesEncoded')) /
          publisherCount /
          seconds,
        senderResolution: senders1.map((s) => `${s.frameWidth}x${s.frameHeight}`).join(' '),
        valid: true,
      };
      results.push(result);
      print(
        [
          result.streams,
          result.receivers,
          result.lossPercent.toFixed(3),
          result.silentStreams,
          result.janusCores.toFixed(3),
          result.streamsPerCore.toFixed(0),
          result.receiverCores.toFixed(2),
          `${result.machineBusyCores.toFixed(2)}/${result.machineCores.toFixed(1)}`,
          result.packetsPerStreamPerSecond.toFixed(1),
          result.kbitPerStream.toFixed(0),
          result.senderPacketsPerSecond.toFixed(1),
          result.senderFps.toFixed(1),
          result.senderResolution,
        ].join(' | '),
      );
      const firstRate = results[0]?.senderPacketsPerSecond ?? 0;
      if (result.senderPacketsPerSecond < 0.85 * firstRate) {
        // The publishers slowed down (CPU adaptation): the offered load is no longer the same.
        result.valid = false;
        stopReason = `publishers degraded at ${streams} streams (${result.senderPacketsPerSecond.toFixed(0)} pkt/s vs ${firstRate.toFixed(0)}): the machine no longer holds`;
        break;
      }
      if (result.lossPercent >= lossLimitPercent || result.silentStreams > 0) {
        stopReason = `loss ${result.lossPercent.toFixed(2)} % / ${result.silentStreams} silent streams at ${streams} streams`;
        break;
      }
      // A saturated machine (other jobs, Chromium, the receivers) is reported, not a stop by
      // itself: when it no longer holds, loss or silent streams show it.
      if (result.machineBusyCores > 0.95 * result.machineCores) {
        print(`  (machine saturated during this step: Janus competed for CPU)`);
      }
    }
  } finally {
    print(`stopped: ${stopReason}; cleaning up`);
    await Promise.all(receivers.map((r) => r.close()));
    await publishers?.close();
    await connection?.close().catch(() => undefined);
    await supervisor.stop();
    nodeDataChannel.cleanup();
    rmSync(workDir, { recursive: true, force: true });
    clearTimeout(watchdog);
  }

  const good = results.filter(
    (r) => r.valid && r.lossPercent < lossLimitPercent && r.silentStreams === 0,
  );
  const best = good.at(-1);
  if (best) {
    print(
      `RESULT: ${best.streams} forwarded video streams with ${best.lossPercent.toFixed(3)} % loss, ` +
        `Janus ${best.janusCores.toFixed(3)} cores => ${best.streamsPerCore.toFixed(0)} streams per core ` +
        `(${best.packetsPerStreamPerSecond.toFixed(0)} pkt/s, ${best.kbitPerStream.toFixed(0)} kbit/s per stream)`,
    );
  } else {
    print('RESULT: no step stayed under the loss limit');
  }
  print(`JSON ${JSON.stringify({ video, publisherCount, stopReason, results })}`);
}

function os(): string {
  const cpus = readFileSync('/proc/cpuinfo', 'utf8').match(/^processor/gm)?.length ?? 0;
  return `${cpus} CPUs, Node ${process.version}, libdatachannel ${nodeDataChannel.getLibraryVersion()}`;
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(
      `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);
