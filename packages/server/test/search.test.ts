import type { ApiErrorBody, Room, SearchResponse } from '@minimeet/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, connected, emitAck, registerUser, startStack, type TestUser } from './harness';
import { joinPayload, rememberInvite } from './call-helpers';

/**
 * The plans of the search, forced: 0 rows of scan (the index only), a scan of everything, and a
 * 2-row scan handing over to the index below where it stopped (term statistics off); then the
 * term statistics choosing (every term counts as rare: straight to the index by the rarest term),
 * and (MariaDB) a newest-first scan that the database filters by the terms.
 */
const PLANS = [
  ['full-text index', '0', '0', '0'],
  ['newest-first scan', '10000000', '0', '0'],
  ['short scan, then the index', '2', '0', '0'],
  ['rarest term by the statistics', '2', '100000000', '0'],
  // MariaDB only (SQLite plans as the short scan): a scan the database filters by the terms.
  ['scan filtered in the database', '2', '0', '10000000'],
] as const;

describe.each(PLANS)(
  'message search through the %s',
  (_plan, scanRows, indexMaxDocs, filteredScanIds) => {
    let stack: Awaited<ReturnType<typeof startStack>>;
    let base: string;
    let alice: TestUser;
    let bob: TestUser;
    let shared: Room;
    let alicesOnly: Room;

    const say = async (user: TestUser, room: Room, content: string): Promise<string> => {
      const s = await connected(base, user.accessToken);
      await emitAck(s, 'joinRoom', joinPayload(room.id));
      const res = await emitAck(s, 'sendMessage', {
        roomId: room.id,
        content,
        clientMessageId: `${Date.now()}${Math.random()}`.replace('.', ''),
      });
      s.disconnect();
      if (!res.ok) throw new Error(res.error.message);
      return res.data.message.id;
    };
    const contents = (res: { body: SearchResponse }): string[] =>
      res.body.items.map((r) => r.message.content);
    const search = (user: TestUser, query: string) =>
      api<SearchResponse>(base, 'GET', `/api/search/messages?${query}`, {
        token: user.accessToken,
      });

    beforeAll(async () => {
      stack = await startStack({
        SEARCH_SCAN_ROWS: scanRows,
        SEARCH_INDEX_MAX_DOCS: indexMaxDocs,
        SEARCH_FILTERED_SCAN_IDS: filteredScanIds,
      });
      base = stack.server.url;
      [alice, bob] = [await registerUser(base), await registerUser(base)];
      shared = (
        await api<Room>(base, 'POST', '/api/rooms', {
          token: alice.accessToken,
          body: { name: 'Shared' },
        })
      ).body;
      alicesOnly = (
        await api<Room>(base, 'POST', '/api/rooms', {
          token: alice.accessToken,
          body: { name: 'Private' },
        })
      ).body;
      rememberInvite(shared);
      rememberInvite(alicesOnly);
      await say(alice, shared, 'The quarterly roadmap review is on Thursday');
      await say(bob, shared, 'Bringing the roadmaps printed, and coffee');
      await say(alice, shared, 'Unrelated chatter about lunch');
      await say(alice, alicesOnly, 'secret roadmap draft, do not share');
      for (let i = 1; i <= 7; i++)
        await say(i % 2 ? alice : bob, shared, `Standup note ${i} budget`);
      const doomed = await say(alice, shared, 'budget leak about the standup, delete me');
      const owner = await connected(base, alice.accessToken);
      await emitAck(owner, 'joinRoom', joinPayload(shared.id));
      const deleted = await emitAck(owner, 'deleteMessage', {
        roomId: shared.id,
        messageId: doomed,
      });
      owner.disconnect();
      if (!deleted.ok) throw new Error(deleted.error.message);
      // The statistics catch up with the writes every second.
      if (indexMaxDocs !== '0' || filteredScanIds !== '0')
        await new Promise((resolve) => setTimeout(resolve, 2_500));
    });
    afterAll(() => stack.stop());

    it('finds messages by word prefix, newest first, with room and highlighted snippet', async () => {
      const res = await search(alice, 'q=roadmap');
      expect(res.status).toBe(200);
      expect(res.body.items.map((r) => r.message.content)).toEqual([
        'secret roadmap draft, do not share',
        'Bringing the roadmaps printed, and coffee',
        'The quarterly roadmap review is on Thursday',
      ]);
      const first = res.body.items[2];
      expect(first?.room).toEqual({ id: shared.id, name: 'Shared' });
      expect(first?.snippet.filter((p) => p.match).map((p) => p.text)).toEqual(['roadmap']);
      expect(first?.snippet.map((p) => p.text).join('')).toBe(
        'The quarterly roadmap review is on Thursday',
      );
    });

    it('only searches rooms the user belongs to, and can narrow to one room', async () => {
      const bobs = await search(bob, 'q=roadmap');
      expect(bobs.body.items.map((r) => r.room.name)).toEqual(['Shared', 'Shared']);
      const narrowed = await search(alice, `q=roadmap&roomId=${alicesOnly.id}`);
      expect(narrowed.body.items).toHaveLength(1);
      const foreign = await search(bob, `q=secret&roomId=${alicesOnly.id}`);
      expect(foreign.body.items).toEqual([]);
    });

    it('requires every word (AND) and treats query syntax as plain words', async () => {
      expect((await search(alice, 'q=roadmap%20coffee')).body.items).toHaveLength(1);
      const syntax = await search(alice, `q=${encodeURIComponent('roadmap" OR * -(lunch')}`);
      expect(syntax.status).toBe(200);
      expect(syntax.body.items.map((r) => r.message.content)).not.toContain(
        'Unrelated chatter about lunch',
      );
    });

    it('pages newest first through nextCursor without gaps or repeats', async () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const res = await search(
          alice,
          `q=standup&limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        );
        expect(res.status).toBe(200);
        expect(res.body.items.length).toBeLessThanOrEqual(3);
        seen.push(...contents(res));
        cursor = res.body.nextCursor;
        pages++;
      } while (cursor && pages < 10);
      expect(seen).toEqual([7, 6, 5, 4, 3, 2, 1].map((i) => `Standup note ${i} budget`));
    });

    it('never finds a deleted message', async () => {
      expect(contents(await search(alice, 'q=leak'))).toEqual([]);
      expect(contents(await search(alice, 'q=budget%20standup'))).toHaveLength(7);
    });

    it('filters by sender (parameter or from: in the query), room and dates', async () => {
      const fromBob = await search(
        alice,
        `q=standup&from=${encodeURIComponent(bob.user.username)}`,
      );
      expect(contents(fromBob)).toEqual([
        'Standup note 6 budget',
        'Standup note 4 budget',
        'Standup note 2 budget',
      ]);
      const inline = await search(
        alice,
        `q=${encodeURIComponent(`standup from:${bob.user.username}`)}`,
      );
      expect(contents(inline)).toEqual(contents(fromBob));
      expect(contents(await search(alice, 'q=standup&from=nobody_here'))).toEqual([]);
      expect(contents(await search(alice, `q=standup&roomId=${alicesOnly.id}`))).toEqual([]);
      const future = new Date(Date.now() + 60_000).toISOString();
      const past = new Date(Date.now() - 3_600_000).toISOString();
      expect(contents(await search(alice, `q=standup&after=${future}`))).toEqual([]);
      expect(contents(await search(alice, `q=standup&before=${past}`))).toEqual([]);
      expect(
        contents(await search(alice, `q=standup&after=${past}&before=${future}`)),
      ).toHaveLength(7);
    });

    it('refuses an empty or missing query with 400', async () => {
      for (const q of [
        '',
        'q=',
        'q=%20%20',
        'q=!!!',
        'q=a&roomId=nope',
        'q=a&cursor=abc',
        'q=a&limit=500',
        'q=a&after=yesterday',
      ]) {
        const res = await api<ApiErrorBody>(base, 'GET', `/api/search/messages?${q}`, {
          token: alice.accessToken,
        });
        expect(res.status, q).toBe(400);
        expect(res.body.error.code).toBe('VALIDATION');
      }
      expect((await api(base, 'GET', '/api/search/messages?q=roadmap')).status).toBe(401);
    });
  },
);
