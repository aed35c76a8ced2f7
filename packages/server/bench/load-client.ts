/**
 * Load generator, run in its own process: connects N clients in rooms of 4, sends messages at a
 * fixed total rate and measures send -> receive latency on every receiver. Prints one JSON line.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { io, type Socket } from 'socket.io-client';
import { percentile } from './stats';

interface Phase {
  name: string;
  rate: number;
  seconds: number;
}
interface Options {
  url: string;
  clients: number;
  phases: Phase[];
  roomSize: number;
  /** 'minimeet': register users, create rooms; 'bare': rooms are plain names. */
  mode: 'minimeet' | 'bare';
}

const opts = JSON.parse(process.argv[2] ?? '{}') as Options;
const roomOf = new Map<Socket, string>();
type Ack = { ok: boolean; error?: { code: string } };

async function json<T>(path: string, body: unknown, token?: string): Promise<T> {
  const res = await fetch(`${opts.url}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

async function pool<T>(
  count: number,
  concurrency: number,
  task: (i: number) => Promise<T>,
): Promise<T[]> {
  const results: T[] = new Array<T>(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next++;
        results[i] = await task(i);
      }
    }),
  );
  return results;
}

/**
 * Users come in groups of `roomSize`; each group shares `roomSize` rooms and each user has one
 * socket per room, so every room holds `roomSize` distinct users and clients = users * roomSize.
 */
async function setup(): Promise<Socket[]> {
  const groups = Math.ceil(opts.clients / (opts.roomSize * opts.roomSize));
  const userCount = groups * opts.roomSize;
  const tag = Date.now().toString(36);
  const tokens =
    opts.mode === 'minimeet'
      ? await pool(userCount, 4, async (i) => {
          const auth = await json<{ accessToken: string }>('/api/auth/register', {
            username: `b${tag}_${i}`,
            email: `b${tag}_${i}@bench.test`,
            password: 'Bench-7q!Zr2#Lm9v',
          });
          return auth.accessToken;
        })
      : Array.from({ length: userCount }, () => '');
  // A room id and its invite token (members who are not the owner join through the link).
  const rooms: { id: string; inviteToken?: string }[] = [];
  for (let g = 0; g < groups; g++) {
    for (let r = 0; r < opts.roomSize; r++) {
      if (opts.mode === 'bare') rooms.push({ id: `room-${g}-${r}` });
      else
        rooms.push(
          await json<{ id: string; inviteToken: string }>(
            '/api/rooms',
            { name: `bench ${g}-${r}` },
            tokens[g * opts.roomSize],
          ),
        );
    }
  }
  const sockets: Socket[] = [];
  await pool(groups * opts.roomSize * opts.roomSize, 50, async (i) => {
    const g = Math.floor(i / (opts.roomSize * opts.roomSize));
    const u = g * opts.roomSize + (Math.floor(i / opts.roomSize) % opts.roomSize);
    const room = rooms[g * opts.roomSize + (i % opts.roomSize)];
    const roomId = room?.id ?? '';
    const socket = io(opts.url, {
      transports: ['websocket'],
      auth: { token: tokens[u] },
      reconnection: false,
      forceNew: true,
    });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('connect_error', reject);
    });
    const ack = (await socket
      .timeout(30_000)
      .emitWithAck('joinRoom', { roomId, inviteToken: room?.inviteToken })) as Ack;
    if (!ack.ok) throw new Error(`join failed: ${JSON.stringify(ack)}`);
    sockets[i] = socket;
    roomOf.set(socket, roomId);
  });
  return sockets.slice(0, opts.clients);
}

async function main(): Promise<void> {
  const t0 = Date.now();
  const sockets = await setup();
  const setupSeconds = (Date.now() - t0) / 1000;
  const sentAt = new Map<string, number>();
  let onDelivery: (id: string, at: number) => void = () => undefined;
  for (const socket of sockets) {
    socket.on('newMessage', (m: { clientMessageId: string }) =>
      onDelivery(m.clientMessageId, performance.now()),
    );
  }
  process.stdout.write(`${JSON.stringify({ event: 'ready', setupSeconds })}\n`);
  let n = 0;
  for (const phase of opts.phases) {
    // Wait for the orchestrator's go, so it can snapshot server CPU right before the load.
    await new Promise<void>((resolve) => process.stdin.once('data', () => resolve()));
    const latencies: number[] = [];
    const lastDelivery = new Map<string, number>();
    let delivered = 0;
    onDelivery = (id, at) => {
      const start = sentAt.get(id);
      if (start === undefined) return;
      latencies.push(at - start);
      lastDelivery.set(id, at);
      delivered++;
    };
    let stored = 0;
    let failed = 0;
    const errors = new Map<string, number>();
    const tickMs = 10;
    // The load process's own event-loop lag: a late receive inflates every latency it measures.
    const ownLag = monitorEventLoopDelay({ resolution: 5 });
    ownLag.enable();
    let cursor = 0;
    const started = performance.now();
    const pending: Promise<void>[] = [];
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        if (performance.now() - started >= phase.seconds * 1000) {
          clearInterval(timer);
          resolve();
          return;
        }
        // Catch up to the schedule even when a tick fired late: the offered rate stays exact.
        const due = Math.floor((phase.rate * (performance.now() - started)) / 1000);
        while (pending.length < due) {
          const socket = sockets[cursor++ % sockets.length];
          if (!socket) break;
          const clientMessageId = `m${++n}`;
          sentAt.set(clientMessageId, performance.now());
          const payload = {
            roomId: roomOf.get(socket),
            content: `benchmark message ${n}`,
            clientMessageId,
          };
          pending.push(
            (socket.timeout(30_000).emitWithAck('sendMessage', payload) as Promise<Ack>)
              .then((ack) => {
                // The sender's copy of its message is the ack (the room's broadcast skips it).
                if (ack.ok) {
                  stored++;
                  onDelivery(clientMessageId, performance.now());
                } else {
                  failed++;
                  const code = ack.error?.code ?? '?';
                  errors.set(code, (errors.get(code) ?? 0) + 1);
                }
              })
              .catch(() => {
                failed++;
              }),
          );
        }
      }, tickMs);
    });
    const sendSeconds = (performance.now() - started) / 1000;
    await Promise.all(pending);
    const drainedSeconds = (performance.now() - started) / 1000;
    ownLag.disable();
    latencies.sort((a, b) => a - b);
    const complete = [...lastDelivery.entries()]
      .map(([id, at]) => at - (sentAt.get(id) ?? at))
      .sort((a, b) => a - b);
    process.stdout.write(
      `${JSON.stringify({
        event: 'result',
        phase: phase.name,
        setupSeconds,
        sent: pending.length,
        stored,
        failed,
        errors: Object.fromEntries(errors),
        delivered,
        sendSeconds,
        drainedSeconds,
        // Throughput over the time until every ack came back: a server that falls behind shows it.
        storedPerSecond: stored / drainedSeconds,
        deliveredPerSecond: delivered / drainedSeconds,
        latencyMs: {
          p50: percentile(latencies, 50),
          p95: percentile(latencies, 95),
          p99: percentile(latencies, 99),
          max: latencies.at(-1) ?? NaN,
        },
        loadLoopLagMs: {
          p99: ownLag.percentile(99) / 1e6,
          max: ownLag.max / 1e6,
        },
        allReceiversMs: {
          p50: percentile(complete, 50),
          p95: percentile(complete, 95),
          p99: percentile(complete, 99),
        },
      })}\n`,
    );
  }
  for (const s of sockets) s.disconnect();
  process.exit(0);
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
