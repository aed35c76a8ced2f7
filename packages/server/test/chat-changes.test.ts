/**
 * Catching up on changes: `changedSince` returns the room's messages edited, deleted (by their
 * author or a moderator) or reacted to after a time, oldest change first, in their current state,
 * page by page; REST and socket alike. With MariaDB + Redis the changes are made on both processes.
 */
import type { ApiErrorBody, MessagePage } from '@minimeet/contract';
import { describe, expect, it } from 'vitest';
import { errorCode, unwrap } from './call-helpers';
import { api, emitAck, registerUser } from './harness';
import { sendMessage as send, useChatCluster } from './chat-kit';

const { url, room } = useChatCluster();

const changes = (token: string, roomId: string, query: string) =>
  api<MessagePage & ApiErrorBody>(url(0), 'GET', `/api/rooms/${roomId}/messages?${query}`, {
    token,
  });

const since = (at: string) => `changedSince=${encodeURIComponent(at)}`;

describe('history changedSince', () => {
  it('returns what was edited, deleted or reacted to after T, as it is now, and nothing older', async () => {
    const { roomId, owner, member } = await room();
    const early = await send(member, roomId, 'edited before T');
    const [edited, deleted, reacted, moderated, untouched] = [
      await send(member, roomId, 'to be edited'),
      await send(member, roomId, 'to be deleted'),
      await send(owner, roomId, 'to be reacted to'),
      await send(member, roomId, 'to be moderated'),
      await send(member, roomId, 'never changed'),
    ];
    // T is the server's own time of the last change before it: that change is not "after T".
    const before = unwrap(
      await emitAck(member.socket, 'editMessage', {
        roomId,
        messageId: early.id,
        content: 'edited before T, done',
      }),
    ).message;
    const t = before.editedAt ?? '';
    expect(t).not.toBe('');
    await new Promise((r) => setTimeout(r, 5));

    const ref = (id: string) => ({ roomId, messageId: id });
    unwrap(
      await emitAck(member.socket, 'editMessage', { ...ref(edited.id), content: 'edited after T' }),
    );
    unwrap(await emitAck(member.socket, 'deleteOwnMessage', ref(deleted.id)));
    unwrap(
      await emitAck(member.socket, 'reactToMessage', { ...ref(reacted.id), emoji: '🎉', on: true }),
    );
    unwrap(await emitAck(owner.socket, 'deleteMessage', ref(moderated.id)));

    const res = await changes(owner.user.accessToken, roomId, since(t));
    expect(res.status).toBe(200);
    expect(res.body.nextCursor).toBeNull();
    const items = res.body.items;
    expect(items.map((m) => m.id)).toEqual([edited.id, deleted.id, reacted.id, moderated.id]);
    expect(items.map((m) => m.id)).not.toContain(early.id);
    expect(items.map((m) => m.id)).not.toContain(untouched.id);
    expect(items[0]).toMatchObject({ content: 'edited after T' });
    expect(items[0]?.editedAt).not.toBeNull();
    expect(items[1]).toMatchObject({ content: '', deleted: true, deletedBy: 'author' });
    expect(items[2]?.reactions).toMatchObject([{ emoji: '🎉', count: 1 }]);
    expect(items[3]).toMatchObject({ content: '', deleted: true, deletedBy: 'moderator' });

    // Taking a reaction back is a change too; the message then comes last, as it is now.
    unwrap(
      await emitAck(member.socket, 'reactToMessage', {
        ...ref(reacted.id),
        emoji: '🎉',
        on: false,
      }),
    );
    const again = (await changes(member.user.accessToken, roomId, since(t))).body.items;
    expect(again.map((m) => m.id)).toEqual([edited.id, deleted.id, moderated.id, reacted.id]);
    expect(again.at(-1)?.reactions).toEqual([]);

    // Paged with a cursor: two at a time, the cursor passed back as changedSince, each once.
    const seen: string[] = [];
    let cursor: string | null = t;
    for (let pages = 0; cursor !== null && pages < 5; pages++) {
      const page: MessagePage = (
        await changes(member.user.accessToken, roomId, `${since(cursor)}&limit=2`)
      ).body;
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((m) => m.id));
      cursor = page.nextCursor;
    }
    expect(seen).toEqual(again.map((m) => m.id));

    // The socket's loadMessageHistory answers the same.
    const bySocket = unwrap(
      await emitAck(member.socket, 'loadMessageHistory', { roomId, changedSince: t }),
    );
    expect(bySocket.messages).toEqual(again);
  });

  it('refuses a bad changedSince, one combined with before/after (VALIDATION), and a non-member', async () => {
    const { roomId, owner, member } = await room();
    const token = owner.user.accessToken;
    for (const query of [
      since('yesterday'),
      since('2026-02-30T10:00:00Z'),
      since('2026-01-01T10:00:00'), // no time zone
      since('2026-01-01'),
      'changedSince=',
      `${since('2026-01-01T10:00:00Z')}&after=1`,
      `${since('2026-01-01T10:00:00Z')}&before=bTE`,
    ]) {
      const res = await changes(token, roomId, query);
      expect({ query, status: res.status }).toEqual({ query, status: 400 });
      expect(res.body.error.code).toBe('VALIDATION');
      expect(Object.keys(res.body.error.fields ?? {})).toContain('changedSince');
    }
    expect(
      errorCode(
        await emitAck(member.socket, 'loadMessageHistory', { roomId, changedSince: 'not a date' }),
      ),
    ).toBe('VALIDATION');

    const outsider = await registerUser(url(0));
    const refused = await changes(outsider.accessToken, roomId, since('2026-01-01T10:00:00Z'));
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('FORBIDDEN');
  });
});
