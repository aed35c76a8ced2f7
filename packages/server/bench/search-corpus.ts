/**
 * The search benchmark's corpus: a deterministic generator of users, rooms and messages whose words
 * follow Zipf's law over a 50,000-word vocabulary, the fill of a database with it, and a warm-up
 * read. `search-bench.ts` times the search on it.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { DataSource } from 'typeorm';

export const ROOMS = 200;
export const MEMBER_ROOMS = 20;
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
export const words = Array.from({ length: VOCABULARY }, (_, i) => word(i));
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

export interface Fixture {
  searcher: string;
  memberRooms: string[];
  docs: Int32Array;
}

/** The entity classes of the server's build (dist) the fill inserts through. */
export interface CorpusEntities {
  user: new () => object;
  room: new () => object;
  member: new () => object;
}

/**
 * Fills users, rooms, memberships and `messages` generated messages (deterministic: the same data
 * on every database of a run), or replays the generator over a kept database already filled.
 */
export async function fill(
  ds: DataSource,
  messages: number,
  entities: CorpusEntities,
): Promise<Fixture> {
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
  } else await insertAll(ds, entities.user, users);
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
  } else await insertAll(ds, entities.room, rooms);
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
  if (!filled) await insertAll(ds, entities.member, members);

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
  const start = now - messages * 1000;
  const ROWS = 500;
  const started = performance.now();
  const runner = ds.createQueryRunner();
  for (let done = 0; done < messages;) {
    if (!filled) await runner.startTransaction();
    for (let t = 0; t < 40 && done < messages; t++) {
      const n = Math.min(ROWS, messages - done);
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
    `  filled ${messages} messages in ${((performance.now() - started) / 1000).toFixed(0)} s`,
  );
  return { searcher, memberRooms, docs };
}

/**
 * Reads the messages table and its indexes once, as a production server that has been running
 * has them in memory (on MariaDB, the buffer pool; on SQLite, the OS page cache).
 */
export async function warm(ds: DataSource): Promise<void> {
  if (ds.options.type === 'better-sqlite3') {
    await ds.query('SELECT SUM(LENGTH(content)) FROM messages');
    return;
  }
  await ds.query('SELECT SUM(LENGTH(content)) FROM messages FORCE INDEX (PRIMARY)');
  await ds.query('SELECT COUNT(*) FROM messages FORCE INDEX (idx_messages_room_id)');
}
