import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { serviceContext, type ServiceContext } from '../../test/service-context';
import type { Actor } from '../common/actor';
import { RoomsService } from '../rooms/rooms.service';
import { ChatService } from './chat.service';

describe('ChatService (no sockets)', () => {
  let ctx: ServiceContext;
  let chat: ChatService;
  let rooms: RoomsService;
  let alice: Actor;
  let roomId: string;
  let inviteToken: string;
  beforeAll(async () => {
    ctx = await serviceContext();
    chat = ctx.app.get(ChatService);
    rooms = ctx.app.get(RoomsService);
    alice = await ctx.user('alice');
    ({ id: roomId, inviteToken } = await rooms.create(alice.user, { name: 'Chat' }));
    await rooms.enter(alice, { roomId });
  });
  afterAll(() => ctx.close());
  beforeEach(() => ctx.clear());

  const post = (actor: Actor, content: string, clientMessageId: string = crypto.randomUUID()) =>
    chat.send(actor, { roomId, content, clientMessageId });

  it('a message is stored and the room hears it once, even when the client retries', async () => {
    const first = await post(alice, 'hello', 'm-1');
    const retry = await post(alice, 'hello', 'm-1');

    expect(retry.message.id).toBe(first.message.id);
    expect(ctx.raised('chat.messagePosted')).toEqual([
      {
        roomId,
        message: first.message,
        memberIds: [alice.user.id],
        connectionId: alice.connectionId,
      },
    ]);
    expect(first.message).toMatchObject({ content: 'hello', sender: { username: 'alice' } });
  });

  it('messages come back in the order they were sent', async () => {
    for (const text of ['one', 'two', 'three']) await post(alice, text);
    const page = await chat.history(alice, { roomId, limit: 3 });
    expect(page.messages.map((m) => m.content)).toEqual(['one', 'two', 'three']);
  });

  it('only a connection that entered the room may post or type; nothing is raised otherwise', async () => {
    const mallory = await ctx.user('mallory');
    await expect(post(mallory, 'let me in')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(chat.typing(mallory, { roomId, isTyping: true })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    // Alice's other tab has not entered the room either.
    await expect(post(ctx.otherTab(alice), 'hi')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(chat.history(mallory, { roomId })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(ctx.events).toEqual([]);
  });

  it('typing is raised with the typist’s connection, so that connection does not hear it back', async () => {
    await chat.typing(alice, { roomId, isTyping: true });
    expect(ctx.raised('chat.typingChanged')).toEqual([
      {
        connectionId: alice.connectionId,
        typing: { roomId, userId: alice.user.id, username: 'alice', isTyping: true },
      },
    ]);
  });

  it('a connection may send 30 messages in 10 s; the next is refused with RATE_LIMITED', async () => {
    const bob = await ctx.user('bob');
    await rooms.enter(bob, { roomId, inviteToken });
    for (let i = 0; i < 30; i++) await post(bob, `m${i}`);
    await expect(post(bob, 'one too many')).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    // The limit is per connection: Alice is not slowed down by Bob.
    await expect(post(alice, 'still fine')).resolves.toBeDefined();
  });

  it('an edit raises the message as it is now; someone else’s edit is FORBIDDEN and raises nothing', async () => {
    const bob = await ctx.user('bob2');
    await rooms.enter(bob, { roomId, inviteToken });
    const { message } = await post(alice, 'draft');
    ctx.clear();
    const ref = { roomId, messageId: message.id };
    await expect(chat.edit(bob, { ...ref, content: 'mine now' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(chat.deleteOwn(bob, ref)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(ctx.events).toEqual([]);
    const edited = await chat.edit(alice, { ...ref, content: 'final' });
    expect(edited.message.content).toBe('final');
    expect(edited.message.editedAt).not.toBeNull();
    expect(ctx.raised('chat.messageUpdated')).toEqual([{ roomId, message: edited.message }]);
  });

  it('a reaction raises an update once; repeating it changes nothing and raises nothing', async () => {
    const { message } = await post(alice, 'react here');
    ctx.clear();
    const react = { roomId, messageId: message.id, emoji: '👍' as const, on: true };
    const first = await chat.react(alice, react);
    await chat.react(alice, react);
    expect(first.message.reactions).toEqual([
      { emoji: '👍', count: 1, users: [{ id: alice.user.id, username: 'alice' }] },
    ]);
    expect(ctx.raised('chat.messageUpdated')).toHaveLength(1);
  });
});
