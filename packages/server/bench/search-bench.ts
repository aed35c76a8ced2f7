/**
 * npm run bench:search -- [--db sqlite|mysql|both] [--messages 1000000] [--runs 40]
 *                         [--no-baseline] [--only 'two words'] [--keep NAME]
 *                         [--buffer-pool 1G] [--mysql-option --name=value]... [--warm]
 *                         [--mysql-url mariadb://root@127.0.0.1:3306]
 *
 * Fills a fresh database (a SQLite file in a temp dir; on MariaDB a server of its own, started for
 * the run with its buffer pool sized for the data and deleted after, or a fresh database on the
 * server of `--mysql-url`, dropped after)
 * with chat messages drawn from a Zipf vocabulary in 200 rooms, boots the app on it, and times
 * `SearchService.search` per query class for a user who is a member of 20 rooms, beside the
 * search SQL the server ran before (the baseline), in the same run.
 */
import type { INestApplication } from '@nestjs/common';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';
import type * as AppFactory from '../src/app.factory';
import type * as Config from '../src/config/config';
import type * as Members from '../src/database/entities/room-member.entity';
import type * as Rooms from '../src/database/entities/room.entity';
import type * as Users from '../src/database/entities/user.entity';
import type * as Search from '../src/search/search.service';
import type { SearchInput, SearchService } from '../src/search/search.service';
import type * as Stats from '../src/search/search-stats';
import { startOwnMariadb } from './own-mariadb';

// The built server (npm run build): tsx does not emit the decorator metadata Nest injects by.
const load = createRequire(__filename);
const dist = (path: string): unknown => load(join(__dirname, '..', 'dist', path));
const { createApp } = dist('app.factory') as typeof AppFactory;
const { loadConfig } = dist('config/config') as typeof Config;
const { UserEntity } = dist('database/entities/user.entity') as typeof Users;
const { RoomEntity } = dist('database/entities/room.entity') as typeof Rooms;
const { RoomMemberEntity } = dist('database/entities/room-member.entity') as typeof Members;
const { SearchService: SearchServiceClass } = dist('search/search.service') as typeof Search;
const { SearchStats } = dist('search/search-stats') as typeof Stats;

const { values } = parseArgs({
  options: {
    db: { type: 'string', default: 'both' },
    messages: { type: 'string', default: '1000000' },
    runs: { type: 'string', default: '40' },
    /** Skip today's query (quick runs while tuning). */
    'no-baseline': { type: 'boolean', default: false },
    /** Only the query classes whose name contains this. */
    only: { type: 'string', default: '' },
    /** An existing MariaDB server to create the bench's database on, instead of its own. */
    'mysql-url': { type: 'string', default: '' },
    /** The own MariaDB server's InnoDB buffer pool (the 1M-message database takes about 600 MB). */
    'buffer-pool': { type: 'string', default: '1G' },
    /** More settings for the own MariaDB server, e.g. --mysql-option=--innodb-ft-cache-size=80M. */
    'mysql-option': { type: 'string', multiple: true, default: [] },
    /** Read the messages table and its indexes once before timing, as a server that has been running. */
    warm: { type: 'boolean', default: false },
    /**
     * Keep the filled database under this name (a MariaDB database, in the own server's datadir
     * $TMPDIR/NAME-mariadb; on SQLite a file in the temp dir) and reuse it when it is already
     * there: the fill is deterministic. Delete it yourself.
     */
    keep: { type: 'string', default: '' },
  },
});
const MESSAGES = Number(values.messages);
const RUNS = Number(values.runs);
const ROOMS = 200;
const MEMBER_ROOMS = 20;
const USERS = 100;
const VOCABULARY = 50_000;

/** Deterministic PRNG (mulberry32), so every run fills the same data. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
let random = prng(42);
const SYLLABLES = 'b c d f g k l m n p r s t v z'
  .split(' ')
  .flatMap((c) => ['a', 'e', 'i', 'o', 'u'].map((v) => c + v));
/** Word i: two to four syllables, all distinct. */
const word = (i: number): string => {
  let n = i + SYLLABLES.length; // at least two syllables
  let w = '';
  while (n > 0) {
    w = (SYLLABLES[n % SYLLABLES.length] as string) + w;
    n = Math.floor(n / SYLLABLES.length);
  }
  return w;
};
const words = Array.from({ length: VOCABULARY }, (_, i) => word(i));
const cdf = new Float64Array(VOCABULARY);
let sum = 0;
for (let i = 0; i < VOCABULARY; i++) cdf[i] = sum += 1 / (i + 1);
const zipf = (): number => {
  const x = random() * sum;
  let lo = 0;
  let hi = VOCABULARY - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((cdf[mid] as number) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
};

interface Backend {
  name: string;
  env: Record<string, string>;
  cleanup(): Promise<void>;
}

async function backend(db: string): Promise<Backend> {
  const keep = values.keep;
  if (db === 'sqlite') {
    if (keep)
      return {
        name: 'SQLite',
        env: { DATABASE_URL: join(tmpdir(), `${keep}.sqlite`), DATA_DIR: tmpdir() },
        cleanup: () => Promise.resolve(),
      };
    const dir = mkdtempSync(join(tmpdir(), 'minimeet-search-bench-'));
    return {
      name: 'SQLite',
      env: { DATABASE_URL: join(dir, 'bench.sqlite'), DATA_DIR: dir },
      cleanup: () => Promise.resolve(rmSync(dir, { recursive: true, force: true })),
    };
  }
  const { createConnection } = await import('mysql2/promise');
  const own = values['mysql-url']
    ? undefined
    : await startOwnMariadb({
        bufferPool: values['buffer-pool'],
        keepDir: keep ? join(tmpdir(), `${keep}-mariadb`) : undefined,
        extra: values['mysql-option'],
      });
  const serverUrl = own?.url ?? values['mysql-url'];
  const name = keep || `minimeet_search_bench_${randomBytes(4).toString('hex')}`;
  const admin = await createConnection(serverUrl.replace(/^mariadb:/, 'mysql:'));
  const [versions] = await admin.query('SELECT VERSION() AS v, @@innodb_buffer_pool_size AS pool');
  const server = (versions as { v: string; pool: number | string }[])[0];
  console.log(
    own
      ? `  own MariaDB ${server?.v} on ${own.url} (${own.settings.join(' ')}; the rest default)`
      : `  MariaDB ${server?.v} at ${serverUrl}, buffer pool ${Number(server?.pool) / 2 ** 20} MB`,
  );
  await admin.query(
    `CREATE DATABASE IF NOT EXISTS \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
  );
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    name: own ? 'MariaDB (own server)' : 'MariaDB',
    env: { DATABASE_URL: url.toString() },
    cleanup: async () => {
      if (!keep) await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await admin.end();
      await own?.stop();
    },
  };
}

async function insertAll(ds: DataSource, entity: new () => object, rows: object[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 100)
    await ds
      .createQueryBuilder()
      .insert()
      .into(entity)
      .values(rows.slice(i, i + 100))
      .updateEntity(false)
      .execute();
}

interface Fixture {
  searcher: string;
  memberRooms: string[];
  docs: Int32Array;
}

async function fill(ds: DataSource): Promise<Fixture> {
  random = prng(42); // the same data on every database of a run, and when a kept one is replayed
  const now = Date.now();
  const present: { n: number | string }[] = await ds.query('SELECT COUNT(*) AS n FROM messages');
  /** A kept database already filled (--keep): only replay the generator, for the word counts. */
  const filled = Number(present[0]?.n ?? 0) > 0;
  const users = Array.from({ length: USERS }, (_, i) => ({
    id: randomUUID(),
    username: `bench${i}`,
    usernameLower: `bench${i}`,
    email: `bench${i}@example.test`,
    passwordHash: 'x',
    createdAt: new Date(now),
  }));
  if (filled) {
    const ids: { id: string; username: string }[] = await ds.query(
      'SELECT id, username FROM users',
    );
    for (const u of ids) {
      const i = Number(u.username.replace('bench', ''));
      if (users[i]) (users[i] as { id: string }).id = u.id;
    }
  } else await insertAll(ds, UserEntity, users);
  const rooms = Array.from({ length: ROOMS }, (_, i) => ({
    id: randomUUID(),
    name: `Room ${i}`,
    ownerId: (users[i % USERS] as { id: string }).id,
    inviteToken: randomBytes(16).toString('hex'),
    maxParticipants: 50,
    createdAt: new Date(now),
    lastActivityAt: new Date(now),
  }));
  if (filled) {
    const ids: { id: string; name: string }[] = await ds.query('SELECT id, name FROM rooms');
    for (const r of ids) {
      const i = Number(r.name.replace('Room ', ''));
      if (rooms[i]) (rooms[i] as { id: string }).id = r.id;
    }
  } else await insertAll(ds, RoomEntity, rooms);
  const searcher = (users[0] as { id: string }).id;
  // Rooms of different sizes: room i gets a share of messages ~ 1 / (1 + i % 10); the searcher's
  // 20 rooms are spread over them (every 10th room), so they hold about 10 % of all messages.
  const memberRooms = rooms.filter((_, i) => i % 10 === 3).map((r) => r.id);
  const members = rooms.flatMap((room, i) =>
    Array.from({ length: 8 }, (_, k) => ({
      roomId: room.id,
      userId: (users[(i + k * 7) % USERS] as { id: string }).id,
      joinedAt: new Date(now),
    })),
  );
  for (const roomId of memberRooms)
    if (!members.some((m) => m.roomId === roomId && m.userId === searcher))
      members.push({ roomId, userId: searcher, joinedAt: new Date(now) });
  if (!filled) await insertAll(ds, RoomMemberEntity, members);

  const weights = rooms.map((_, i) => 1 / (1 + (i % 10)));
  const total = weights.reduce((a, b) => a + b, 0);
  const roomCdf: number[] = [];
  weights.reduce((acc, w) => (roomCdf.push((acc + w) / total), acc + w), 0);
  const pickRoom = (): number => {
    const x = random();
    const i = roomCdf.findIndex((c) => c >= x);
    return i < 0 ? ROOMS - 1 : i;
  };

  const docs = new Int32Array(VOCABULARY);
  const sqlite = ds.options.type === 'better-sqlite3';
  const start = now - MESSAGES * 1000;
  const ROWS = 500;
  const started = performance.now();
  const runner = ds.createQueryRunner();
  for (let done = 0; done < MESSAGES;) {
    if (!filled) await runner.startTransaction();
    for (let t = 0; t < 40 && done < MESSAGES; t++) {
      const n = Math.min(ROWS, MESSAGES - done);
      const params: unknown[] = [];
      for (let r = 0; r < n; r++) {
        const length = 4 + Math.floor(random() * 17);
        const picked = Array.from({ length }, zipf);
        for (const w of new Set(picked)) (docs[w] as number)++;
        const roomIndex = pickRoom();
        const room = rooms[roomIndex] as { id: string };
        const sender = users[(roomIndex + Math.floor(random() * 8) * 7) % USERS] as { id: string };
        const at = new Date(start + (done + r) * 1000);
        params.push(
          room.id,
          sender.id,
          picked.map((w) => words[w]).join(' '),
          `b${done + r}`,
          sqlite ? at.toISOString().replace('T', ' ').replace('Z', '') : at,
        );
      }
      if (!filled)
        await runner.query(
          `INSERT INTO messages (room_id, sender_id, content, client_message_id, created_at) VALUES ${Array.from({ length: n }, () => '(?, ?, ?, ?, ?)').join(', ')}`,
          params,
        );
      done += n;
    }
    if (!filled) await runner.commitTransaction();
  }
  await runner.release();
  if (filled) console.log('  reusing the kept database');
  else if (!sqlite) await ds.query('ANALYZE TABLE messages');
  else await ds.query('ANALYZE');
  console.log(
    `  filled ${MESSAGES} messages in ${((performance.now() - started) / 1000).toFixed(0)} s`,
  );
  return { searcher, memberRooms, docs };
}

/**
 * Reads the messages table and its indexes once, as a production server that has been running
 * has them in memory (on MariaDB, the buffer pool; on SQLite, the OS page cache).
 */
async function warm(ds: DataSource): Promise<void> {
  if (ds.options.type === 'better-sqlite3') {
    await ds.query('SELECT SUM(LENGTH(content)) FROM messages');
    return;
  }
  await ds.query('SELECT SUM(LENGTH(content)) FROM messages FORCE INDEX (PRIMARY)');
  await ds.query('SELECT COUNT(*) FROM messages FORCE INDEX (idx_messages_room_id)');
}

/** The search SQL before the planner (the baseline): every match, joined, sorted, limited. */
function baseline(
  ds: DataSource,
  userId: string,
  terms: string[],
  roomId?: string,
): Promise<unknown> {
  const where = `m.deleted_at IS NULL ${roomId ? 'AND m.room_id = ?' : ''} ORDER BY m.id DESC LIMIT 50`;
  const params = (match: string) => (roomId ? [userId, match, roomId] : [userId, match]);
  if (ds.options.type === 'better-sqlite3')
    return ds.query(
      `SELECT m.id, m.room_id, r.name AS room_name FROM messages_fts f JOIN messages m ON m.id = f.rowid
         JOIN room_members rm ON rm.room_id = m.room_id AND rm.user_id = ? JOIN rooms r ON r.id = m.room_id
        WHERE messages_fts MATCH ? AND ${where}`,
      params(terms.map((t) => `"${t}"*`).join(' ')),
    );
  return ds.query(
    `SELECT m.id, m.room_id, r.name AS room_name FROM messages m
       JOIN room_members rm ON rm.room_id = m.room_id AND rm.user_id = ? JOIN rooms r ON r.id = m.room_id
      WHERE MATCH(m.content) AGAINST (? IN BOOLEAN MODE) AND ${where}`,
    params(terms.map((t) => `+${t}*`).join(' ')),
  );
}

interface QueryClass {
  name: string;
  inputs: SearchInput[];
}

function classes(f: Fixture): QueryClass[] {
  const byShare = (share: number, count = 5): string[] =>
    [...f.docs.keys()]
      .sort(
        (a, b) =>
          Math.abs((f.docs[a] as number) / MESSAGES - share) -
          Math.abs((f.docs[b] as number) / MESSAGES - share),
      )
      .slice(0, count)
      .map((i) => words[i] as string);
  const tenPercent = byShare(0.1);
  const room = f.memberRooms[1] as string;
  return [
    { name: 'rare word (0.01 %)', inputs: byShare(0.0001).map((q) => ({ q })) },
    { name: 'word in 1 %', inputs: byShare(0.01).map((q) => ({ q })) },
    { name: 'word in 10 %', inputs: tenPercent.map((q) => ({ q })) },
    { name: 'most common word', inputs: [{ q: words[0] as string }, { q: words[1] as string }] },
    {
      name: 'two words (10 % + 1 %)',
      inputs: tenPercent.map((q, i) => ({ q: `${q} ${byShare(0.01)[i] as string}` })),
    },
    { name: '3-letter prefix', inputs: tenPercent.map((q) => ({ q: q.slice(0, 3) })) },
    { name: 'word in 10 %, one room', inputs: tenPercent.map((q) => ({ q, roomId: room })) },
    { name: 'rare word, one room', inputs: byShare(0.0001).map((q) => ({ q, roomId: room })) },
  ];
}

const pct = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
const fmt = (ms: number): string => (ms < 10 ? ms.toFixed(1) : ms.toFixed(0));

async function time(run: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await run();
  return performance.now() - t;
}

async function benchOne(db: string): Promise<void> {
  const b = await backend(db);
  let app: INestApplication | undefined;
  try {
    console.log(`\n${b.name}: ${MESSAGES} messages, ${ROOMS} rooms, searcher in ${MEMBER_ROOMS}`);
    const config = loadConfig({
      NODE_ENV: 'test',
      PORT: '0',
      JWT_SECRET: 'bench-secret-0123456789abcdef',
      WEB_DIST_DIR: 'none',
      LOG_LEVEL: 'error',
      CALL_MEDIA: 'mesh',
      ...b.env,
    });
    app = await createApp(config);
    await app.init();
    const ds = app.get(DataSource);
    const service: SearchService = app.get(SearchServiceClass);
    const fixture = await fill(ds);
    // The term statistics catch up with the log the triggers wrote (in the background on a server).
    const caughtUp = performance.now();
    await app.get(SearchStats).refresh();
    console.log(
      `  term statistics (and on MariaDB the slice index) caught up in ${((performance.now() - caughtUp) / 1000).toFixed(0)} s`,
    );
    if (values.warm) {
      const warmed = performance.now();
      await warm(ds);
      console.log(`  read the table once in ${((performance.now() - warmed) / 1000).toFixed(0)} s`);
    }
    console.log('| query class | matches | before p50 / p95 / max | after p50 / p95 / max |');
    console.log('| --- | --- | --- | --- |');
    for (const c of classes(fixture).filter((k) => k.name.includes(values.only))) {
      const before: number[] = [];
      const after: number[] = [];
      let found = 0;
      for (let i = 0; i < RUNS; i++) {
        const input = c.inputs[i % c.inputs.length] as SearchInput;
        const terms = input.q.split(' ');
        if (!values['no-baseline'])
          before.push(await time(() => baseline(ds, fixture.searcher, terms, input.roomId)));
        after.push(
          await time(async () => {
            found = (await service.search(fixture.searcher, input)).items.length;
          }),
        );
      }
      const row = (xs: number[]): string => {
        if (xs.length === 0) return '-';
        const s = [...xs].sort((x, y) => x - y);
        return `${fmt(pct(s, 50))} / ${fmt(pct(s, 95))} / ${fmt(s.at(-1) as number)} ms`;
      };
      console.log(`| ${c.name} | ${found} | ${row(before)} | ${row(after)} |`);
    }
  } finally {
    await app?.close();
    await b.cleanup();
  }
}

async function main(): Promise<void> {
  const dbs = values.db === 'both' ? ['sqlite', 'mysql'] : [values.db];
  for (const db of dbs) await benchOne(db);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
