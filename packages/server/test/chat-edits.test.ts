/**
 * Issue 10: edit and delete your own message, reactions, replies. With MariaDB + Redis the people
 * are spread over two processes, so every change has to reach the other one.
 */
import type { ChatMessage, MessagePage, SearchResponse } from '@minimeet/contract';
import { describe, expect, it } from 'vitest';
import { enter, errorCode, unwrap, type Member } from './call-helpers';
import { api, emitAck, nextEvent } from './harness';
import { nextClientMessageId, sendMessage as send, useChatCluster } from './chat-kit';

const { url, pool, room } = useChatCluster();

async function history(m: Member, roomId: string): Promise<ChatMessage[]> {
  const res = await api<MessagePage>(url(0), 'GET', `/api/rooms/${roomId}/messages`, {
    token: m.user.accessToken,
  });
  expect(res.status).toBe(200);
  return res.body.items;
}

async function search(m: Member, q: string): Promise<string[]> {
  const res = await api<SearchResponse>(
    url(0),
    'GET',
    `/api/search/messages?q=${encodeURIComponent(q)}`,
    { token: m.user.accessToken },
  );
  expect(res.status).toBe(200);
  return res.body.items.map((r) => r.message.id);
}

describe('edit your own message', () => {
  it('changes the text, marks it edited, tells the room and keeps search in step', async () => {
    const { roomId, owner, member } = await room();
    const message = await send(member, roomId, 'the zebrafish report');
    expect(message).toMatchObject({ editedAt: null, reactions: [], replyTo: null });
    const heard = nextEvent(owner.socket, 'messageUpdated');
    const edited = unwrap(
      await emitAck(member.socket, 'editMessage', {
        roomId,
        messageId: message.id,
        content: 'the quokka report',
      }),
    ).message;
    expect(edited.content).toBe('the quokka report');
    expect(edited.editedAt).not.toBeNull();
    expect(await heard).toEqual(edited);
    expect((await history(owner, roomId)).find((m) => m.id === message.id)).toMatchObject({
      content: 'the quokka report',
      editedAt: edited.editedAt,
    });
    expect(await search(owner, 'quokka')).toContain(message.id);
    expect(await search(owner, 'zebrafish')).not.toContain(message.id);
  });

  it("refuses someone else's message (FORBIDDEN), a deleted one, a missing one, and too many edits", async () => {
    const { roomId, owner, member } = await room();
    const message = await send(member, roomId, 'mine');
    const payload = { roomId, messageId: message.id, content: 'hijacked' };
    expect(errorCode(await emitAck(owner.socket, 'editMessage', payload))).toBe('FORBIDDEN');
    expect(errorCode(await emitAck(owner.socket, 'deleteOwnMessage', payload))).toBe('FORBIDDEN');
    expect(
      errorCode(await emitAck(member.socket, 'editMessage', { ...payload, messageId: '999999' })),
    ).toBe('NOT_FOUND');
    expect(
      errorCode(await emitAck(member.socket, 'editMessage', { ...payload, content: '' })),
    ).toBe('VALIDATION');
    unwrap(await emitAck(member.socket, 'deleteOwnMessage', { roomId, messageId: message.id }));
    expect(errorCode(await emitAck(member.socket, 'editMessage', payload))).toBe('CONFLICT');
    expect((await history(owner, roomId)).find((m) => m.id === message.id)?.content).toBe('');

    // Edits and deletes share 30 a minute per user: three were used above (not found, delete,
    // conflict; the invalid one never reached the service).
    const other = await send(member, roomId, 'edit me a lot');
    const codes: string[] = [];
    for (let i = 0; i < 28; i++)
      codes.push(
        errorCode(
          await emitAck(member.socket, 'editMessage', {
            roomId,
            messageId: other.id,
            content: `version ${i}`,
          }),
        ),
      );
    expect(codes.slice(0, 27).every((c) => c === 'OK')).toBe(true);
    expect(codes.at(-1)).toBe('RATE_LIMITED');
  });
});

describe('delete your own message', () => {
  it('shows "deleted by its author", tells the room and leaves search', async () => {
    const { roomId, owner, member } = await room();
    const message = await send(member, roomId, 'a regrettable platypus remark');
    const heard = nextEvent(owner.socket, 'messageUpdated');
    const deleted = unwrap(
      await emitAck(member.socket, 'deleteOwnMessage', { roomId, messageId: message.id }),
    ).message;
    expect(deleted).toMatchObject({ content: '', deleted: true, deletedBy: 'author' });
    expect(await heard).toEqual(deleted);
    expect(await search(owner, 'platypus')).toEqual([]);
    expect(
      errorCode(
        await emitAck(member.socket, 'deleteOwnMessage', { roomId, messageId: message.id }),
      ),
    ).toBe('NOT_FOUND');
  });

  it("a moderator's delete keeps its wording; a member cannot delete someone else's message", async () => {
    const { roomId, owner, member } = await room();
    const ownerMessage = await send(owner, roomId, 'from the owner');
    const message = await send(member, roomId, 'off topic');
    const ref = (id: string) => ({ roomId, messageId: id });
    expect(errorCode(await emitAck(member.socket, 'deleteMessage', ref(ownerMessage.id)))).toBe(
      'FORBIDDEN',
    );
    unwrap(await emitAck(owner.socket, 'deleteMessage', ref(message.id)));
    expect((await history(member, roomId)).find((m) => m.id === message.id)).toMatchObject({
      deleted: true,
      deletedBy: 'moderator',
    });
  });
});

describe('reactions', () => {
  it('toggle with counts and who reacted, heard by the room in every process', async () => {
    const { roomId, owner, member } = await room();
    const message = await send(owner, roomId, 'ship it?');
    const react = (m: Member, emoji: '👍' | '🎉', on: boolean) =>
      emitAck(m.socket, 'reactToMessage', { roomId, messageId: message.id, emoji, on });

    const heard = nextEvent(owner.socket, 'messageUpdated', (m) => m.id === message.id);
    unwrap(await react(member, '👍', true));
    expect((await heard).reactions).toEqual([
      {
        emoji: '👍',
        count: 1,
        users: [{ id: member.user.user.id, username: member.user.user.username }],
      },
    ]);
    unwrap(await react(member, '👍', true)); // twice is once
    const both = unwrap(await react(owner, '👍', true)).message;
    expect(both.reactions).toMatchObject([{ emoji: '👍', count: 2 }]);
    const party = unwrap(await react(owner, '🎉', true)).message;
    expect(party.reactions.map((r) => [r.emoji, r.count])).toEqual([
      ['👍', 2],
      ['🎉', 1],
    ]);
    const off = nextEvent(member.socket, 'messageUpdated', (m) => m.reactions[0]?.count === 1);
    unwrap(await react(owner, '👍', false));
    expect((await off).reactions.map((r) => [r.emoji, r.count])).toEqual([
      ['👍', 1],
      ['🎉', 1],
    ]);
    const page = await history(member, roomId);
    expect(page.find((m) => m.id === message.id)?.reactions[0]?.users).toEqual([
      { id: member.user.user.id, username: member.user.user.username },
    ]);
  });

  it('refuses an emoji outside the set, a room you are not in, and a deleted message', async () => {
    const { roomId, owner, member } = await room();
    const message = await send(owner, roomId, 'react to me');
    const outsider = await enter(url(1), pool, (await room()).roomId);
    const payload = { roomId, messageId: message.id, emoji: '👍' as const, on: true };
    expect(errorCode(await emitAck(outsider.socket, 'reactToMessage', payload))).toBe('FORBIDDEN');
    const bad = { ...payload, emoji: '💩' } as unknown as typeof payload;
    expect(errorCode(await emitAck(member.socket, 'reactToMessage', bad))).toBe('VALIDATION');
    unwrap(await emitAck(owner.socket, 'deleteOwnMessage', { roomId, messageId: message.id }));
    expect(errorCode(await emitAck(member.socket, 'reactToMessage', payload))).toBe('NOT_FOUND');
  });
});

describe('replies', () => {
  it('quote the original (author and first line) live and in history, and follow its edits and deletion', async () => {
    const { roomId, owner, member } = await room();
    const original = await send(owner, roomId, 'Agenda for Monday\nsecond line');
    const heard = nextEvent(owner.socket, 'newMessage', (m) => m.content === 'count me in');
    const reply = await send(member, roomId, 'count me in', original.id);
    const quote = {
      id: original.id,
      sender: { id: owner.user.user.id, username: owner.user.user.username },
      excerpt: 'Agenda for Monday',
    };
    expect(reply.replyTo).toEqual(quote);
    expect((await heard).replyTo).toEqual(quote);
    unwrap(
      await emitAck(owner.socket, 'editMessage', {
        roomId,
        messageId: original.id,
        content: 'Agenda for Tuesday',
      }),
    );
    const find = async () => (await history(member, roomId)).find((m) => m.id === reply.id);
    expect((await find())?.replyTo?.excerpt).toBe('Agenda for Tuesday');
    unwrap(await emitAck(owner.socket, 'deleteOwnMessage', { roomId, messageId: original.id }));
    expect((await find())?.replyTo).toMatchObject({ id: original.id, excerpt: '', deleted: true });
  });

  it('refuses a reply to a message of another room or to a missing one (NOT_FOUND)', async () => {
    const first = await room();
    const second = await room();
    const elsewhere = await send(second.owner, second.roomId, 'in the other room');
    const codes = [];
    for (const replyToId of [elsewhere.id, '999999'])
      codes.push(
        errorCode(
          await emitAck(first.member.socket, 'sendMessage', {
            roomId: first.roomId,
            content: 'reply',
            clientMessageId: nextClientMessageId(),
            replyToId,
          }),
        ),
      );
    expect(codes).toEqual(['NOT_FOUND', 'NOT_FOUND']);
  });
});
