import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { serviceContext, type ServiceContext } from '../../test/service-context';
import { PresenceService } from '../presence/presence.service';
import { RoomsService } from './rooms.service';

describe('RoomsService (no sockets)', () => {
  let ctx: ServiceContext;
  let rooms: RoomsService;
  let presence: PresenceService;
  beforeAll(async () => {
    ctx = await serviceContext();
    rooms = ctx.app.get(RoomsService);
    presence = ctx.app.get(PresenceService);
  });
  afterAll(() => ctx.close());
  beforeEach(() => ctx.clear());

  it('entering puts the connection in the room before the room hears who is here', async () => {
    const alice = await ctx.user('alice');
    const room = await rooms.create(alice.user, { name: 'Standup' });
    const result = await rooms.enter(alice, { roomId: room.id });

    expect(result.participants).toEqual([{ userId: alice.user.id, username: 'alice' }]);
    expect(ctx.events.map((e) => e.name)).toEqual([
      'presence.connectionEntered',
      'presence.participantsChanged',
    ]);
    expect(presence.isHere(room.id, alice.connectionId)).toBe(true);
  });

  it('the invite link is an invitation: entering with its token makes a member; an unknown room is NOT_FOUND', async () => {
    const [owner, guest] = [await ctx.user(), await ctx.user()];
    const room = await rooms.create(owner.user, { name: 'Open' });
    expect(await rooms.isMember(room.id, guest.user.id)).toBe(false);
    await expect(rooms.enter(guest, { roomId: room.id })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await rooms.enter(guest, { roomId: room.id, inviteToken: room.inviteToken });
    expect(await rooms.isMember(room.id, guest.user.id)).toBe(true);
    expect(await rooms.roleOf(room.id, guest.user.id)).toBe('member');
    expect(await rooms.roleOf(room.id, owner.user.id)).toBe('owner');
    await expect(
      rooms.enter(guest, { roomId: '00000000-0000-4000-8000-000000000000' }),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('a full room refuses a newcomer but not someone already there in another tab', async () => {
    const [a, b, c] = [await ctx.user(), await ctx.user(), await ctx.user()];
    const room = await rooms.create(a.user, { name: 'Small', maxParticipants: 2 });
    const link = { roomId: room.id, inviteToken: room.inviteToken };
    await rooms.enter(a, link);
    await rooms.enter(b, link);
    await expect(rooms.enter(c, link)).rejects.toMatchObject({ code: 'ROOM_FULL' });
    await expect(rooms.enter(ctx.otherTab(a), link)).resolves.toBeDefined();
  });

  it('the participant list changes only when a user’s last connection leaves', async () => {
    const alice = await ctx.user();
    const bob = await ctx.user();
    const room = await rooms.create(alice.user, { name: 'Tabs' });
    const secondTab = ctx.otherTab(alice);
    await rooms.enter(alice, { roomId: room.id });
    await rooms.enter(secondTab, { roomId: room.id });
    await rooms.enter(bob, { roomId: room.id, inviteToken: room.inviteToken });
    ctx.clear();

    await rooms.leave(alice, room.id);
    expect(ctx.raised('presence.participantsChanged')).toEqual([]);
    expect(ctx.raised('presence.connectionLeft')).toEqual([
      { roomId: room.id, connectionId: alice.connectionId },
    ]);

    await rooms.disconnect(secondTab.connectionId);
    const [changed] = ctx.raised('presence.participantsChanged');
    expect(changed?.participants.map((p) => p.userId)).toEqual([bob.user.id]);
  });
});
