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
import { randomBytes } from 'node:crypto';
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
import { fill, MEMBER_ROOMS, ROOMS, warm, words, type Fixture } from './search-corpus';

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
    const fixture = await fill(ds, MESSAGES, {
      user: UserEntity,
      room: RoomEntity,
      member: RoomMemberEntity,
    });
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
