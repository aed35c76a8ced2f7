import type { ApiErrorBody, Room, SearchResponse } from '@minimeet/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, connected, emitAck, registerUser, startStack, type TestUser } from './harness';
import { joinPayload, rememberInvite } from './call-helpers';

describe('message search', () => {
  let stack: Awaited<ReturnType<typeof startStack>>;
  let base: string;
  let alice: TestUser;
  let bob: TestUser;
  let shared: Room;
  let alicesOnly: Room;

  const say = async (user: TestUser, room: Room, content: string): Promise<void> => {
    const s = await connected(base, user.accessToken);
    await emitAck(s, 'joinRoom', joinPayload(room.id));
    const res = await emitAck(s, 'sendMessage', {
      roomId: room.id,
      content,
      clientMessageId: `${Date.now()}${Math.random()}`.replace('.', ''),
    });
    s.disconnect();
    if (!res.ok) throw new Error(res.error.message);
  };
  const search = (user: TestUser, query: string) =>
    api<SearchResponse>(base, 'GET', `/api/search/messages?${query}`, { token: user.accessToken });

  beforeAll(async () => {
    stack = await startStack();
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

  it('refuses an empty or missing query with 400', async () => {
    for (const q of ['', 'q=', 'q=%20%20', 'q=!!!', 'q=a&roomId=nope']) {
      const res = await api<ApiErrorBody>(base, 'GET', `/api/search/messages?${q}`, {
        token: alice.accessToken,
      });
      expect(res.status, q).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION');
    }
    expect((await api(base, 'GET', '/api/search/messages?q=roadmap')).status).toBe(401);
  });
});
