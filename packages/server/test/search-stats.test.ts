import type { Room, SearchResponse } from '@minimeet/contract';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { DataSource } from 'typeorm';
import { SearchQueries } from '../src/search/search-queries';
import { SearchStats } from '../src/search/search-stats';
import { joinPayload, rememberInvite } from './call-helpers';
import {
  api,
  connected,
  emitAck,
  registerUser,
  startStack,
  useMysql,
  type TestUser,
} from './harness';

/**
 * The term statistics of the search: kept in step with inserts, edits and deletes, and choosing
 * the plan (a rare term straight to the index, a frequent one to the scan first).
 */
describe('search term statistics', () => {
  let stack: Awaited<ReturnType<typeof startStack>>;
  let base: string;
  let alice: TestUser;
  let room: Room;
  let stats: SearchStats;

  const act = async (event: 'sendMessage' | 'editMessage' | 'deleteMessage', body: object) => {
    const s = await connected(base, alice.accessToken);
    await emitAck(s, 'joinRoom', joinPayload(room.id));
    const res = await emitAck(s, event, { roomId: room.id, ...body });
    s.disconnect();
    if (!res.ok) throw new Error(res.error.message);
    return res.data as { message: { id: string } };
  };
  const say = async (content: string): Promise<string> =>
    (
      await act('sendMessage', {
        content,
        clientMessageId: `${Date.now()}${Math.random()}`.replace('.', ''),
      })
    ).message.id;
  const search = async (q: string): Promise<string[]> =>
    (
      await api<SearchResponse>(base, 'GET', `/api/search/messages?q=${encodeURIComponent(q)}`, {
        token: alice.accessToken,
      })
    ).body.items.map((r) => r.message.content);

  beforeAll(async () => {
    // Terms held by at most 2 messages count as rare.
    stack = await startStack({ SEARCH_INDEX_MAX_DOCS: '2' });
    base = stack.server.url;
    stats = stack.server.app.get(SearchStats);
    alice = await registerUser(base);
    room = (
      await api<Room>(base, 'POST', '/api/rooms', {
        token: alice.accessToken,
        body: { name: 'Stats' },
      })
    ).body;
    rememberInvite(room);
  });
  afterAll(() => stack.stop());
  afterEach(() => vi.restoreAllMocks());

  it('counts the messages holding each word on insert, edit and delete', async () => {
    const first = await say('Zébra crossing, ZEBRA again');
    const second = await say('zebra stripes');
    await stats.refresh();
    expect(await stats.docs('zebra')).toBe(2);
    expect(await stats.docs('ZEB')).toBe(2);
    expect(await stats.docs('crossing')).toBe(1);
    expect(await stats.docs('giraffe')).toBe(0);

    await act('editMessage', { messageId: first, content: 'giraffe crossing' });
    await stats.refresh();
    expect(await stats.docs('zebra')).toBe(1);
    expect(await stats.docs('giraffe')).toBe(1);
    expect(await stats.docs('crossing')).toBe(1);

    await act('deleteMessage', { messageId: second });
    await stats.refresh();
    expect(await stats.docs('zebra')).toBe(0);
    expect(await stats.docs('stripes')).toBe(0);
  });

  it('sends a rare term straight to the index by itself, and a frequent one to the scan', async () => {
    for (let i = 0; i < 3; i++) await say(`weekly sync ${i}`);
    await say('weekly sync with the auditors');
    await stats.refresh();
    expect(stats.ready).toBe(true);
    const window = vi.spyOn(SearchQueries.prototype, 'window');
    const indexed = vi.spyOn(SearchQueries.prototype, 'indexed');

    expect(await search('auditors')).toEqual(['weekly sync with the auditors']);
    expect(window).not.toHaveBeenCalled();
    expect(indexed.mock.calls.map((c) => c[1])).toEqual([['auditors']]);

    indexed.mockClear();
    expect(await search('weekly auditors')).toEqual(['weekly sync with the auditors']);
    expect(window).not.toHaveBeenCalled();
    expect(indexed.mock.calls.map((c) => c[1])).toEqual([['auditors']]);

    expect(await search('weekly')).toHaveLength(4);
    expect(window).toHaveBeenCalled();
  });

  it.runIf(useMysql)(
    'on MariaDB, finds several words through the slice index, following edits and deletes, and messages not indexed yet',
    async () => {
      const first = await say('Quarterly budget review with finance');
      // Both words frequent (over SEARCH_INDEX_MAX_DOCS), so plan 0 does not apply.
      for (let i = 0; i < 3; i++) await say(`budget only ${i}`);
      for (let i = 0; i < 3; i++) await say(`quarterly only ${i}`);
      await stats.refresh();
      const sliced = vi.spyOn(SearchQueries.prototype, 'sliced');
      const window = vi.spyOn(SearchQueries.prototype, 'window');

      expect(await search('quarter budg')).toEqual(['Quarterly budget review with finance']);
      expect(sliced).toHaveBeenCalled();
      expect(window).not.toHaveBeenCalled(); // everything was indexed

      // Not folded into the slice index yet: the newest messages are scanned instead.
      const fresh = await say('budget for the next quarter');
      expect(await search('quarter budg')).toEqual([
        'budget for the next quarter',
        'Quarterly budget review with finance',
      ]);
      expect(window).toHaveBeenCalled();

      await act('editMessage', { messageId: first, content: 'Yearly budget review' });
      await act('deleteMessage', { messageId: fresh });
      await stats.refresh();
      const rows: { terms: string }[] = await stack.server.app
        .get(DataSource)
        .query('SELECT terms FROM search_slices WHERE message_id = ?', [first]);
      expect(rows[0]?.terms).toMatch(/yearly/);
      expect(rows[0]?.terms).not.toMatch(/quarterly/);
      window.mockClear();
      expect(await search('quarter budg')).toEqual([]);
      expect(await search('yearly budg')).toEqual(['Yearly budget review']);
      expect(window).not.toHaveBeenCalled();
    },
  );
});
