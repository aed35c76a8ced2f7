import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { serviceContext, type ServiceContext } from '../../test/service-context';
import type { Actor } from '../common/actor';
import { PresenceService } from '../presence/presence.service';
import { RoomsService } from '../rooms/rooms.service';
import { CallSignalService } from './call-signal.service';
import { CallsService } from './calls.service';

const offer = { type: 'offer' as const, sdp: 'v=0' };

describe('CallsService and CallSignalService (no sockets)', () => {
  let ctx: ServiceContext;
  let calls: CallsService;
  let signals: CallSignalService;
  let rooms: RoomsService;
  let presence: PresenceService;
  beforeAll(async () => {
    ctx = await serviceContext({ CALL_MESH_MAX: '3', CALL_GRACE_MS: '60000' });
    calls = ctx.app.get(CallsService);
    signals = ctx.app.get(CallSignalService);
    rooms = ctx.app.get(RoomsService);
    presence = ctx.app.get(PresenceService);
  });
  afterAll(() => ctx.close());
  beforeEach(() => ctx.clear());

  async function roomWith(count: number): Promise<{ roomId: string; people: Actor[] }> {
    const people: Actor[] = [];
    for (let i = 0; i < count; i++) people.push(await ctx.user());
    const room = await rooms.create(people[0]!.user, { name: 'Call' });
    const roomId = room.id;
    for (const p of people) await rooms.enter(p, { roomId, inviteToken: room.inviteToken });
    ctx.clear();
    return { roomId, people };
  }

  it('joining attaches the connection, marks the user in call, then tells the others', async () => {
    const { roomId, people } = await roomWith(2);
    const [a, b] = people as [Actor, Actor];
    const first = await calls.join(a, { roomId });
    const second = await calls.join(b, { roomId });

    expect(second.peers.map((p) => p.peerId)).toEqual([first.peerId]);
    expect(ctx.events.map((e) => e.name)).toEqual([
      'call.peerAttached',
      'presence.participantsChanged',
      'call.peerJoined',
      'call.peerAttached',
      'presence.participantsChanged',
      'call.peerJoined',
    ]);
    const participants = await presence.participants(roomId);
    expect(participants.every((p) => p.inCall)).toBe(true);
    const [, joined] = ctx.raised('call.peerJoined');
    expect(joined).toMatchObject({ connectionId: b.connectionId, peer: { peerId: second.peerId } });
  });

  it('only a member whose connection entered the room may join', async () => {
    const { roomId, people } = await roomWith(1);
    const outsider = await ctx.user();
    await expect(calls.join(outsider, { roomId })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(calls.join(ctx.otherTab(people[0]!), { roomId })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(ctx.events).toEqual([]);
  });

  it('a mesh call holds CALL_MESH_MAX people; the next gets ROOM_FULL', async () => {
    const { roomId, people } = await roomWith(4);
    for (const p of people.slice(0, 3)) await calls.join(p, { roomId });
    await expect(calls.join(people[3]!, { roomId })).rejects.toMatchObject({
      code: 'ROOM_FULL',
      message: 'The call is full',
    });
  });

  it('signalling goes only between peers of the same call, stamped with the sender', async () => {
    const { roomId, people } = await roomWith(3);
    const [a, b, c] = people as [Actor, Actor, Actor];
    const pa = await calls.join(a, { roomId });
    const pb = await calls.join(b, { roomId });
    ctx.clear();

    await signals.offer(a, { roomId, to: pb.peerId, sdp: offer });
    expect(ctx.raised('call.signalRelayed')).toEqual([
      {
        kind: 'offer',
        payload: { roomId, to: pb.peerId, sdp: offer, from: pa.peerId, fromUserId: a.user.id },
      },
    ]);
    // Not in the call, to oneself, to a peer that does not exist: refused, nothing relayed.
    ctx.clear();
    await expect(signals.offer(c, { roomId, to: pb.peerId, sdp: offer })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(signals.offer(a, { roomId, to: pa.peerId, sdp: offer })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(
      signals.candidate(a, { roomId, to: crypto.randomUUID(), candidate: { candidate: 'x' } }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(ctx.events).toEqual([]);
  });

  it('a second tab replaces the first: the old peer is detached and can no longer signal', async () => {
    const { roomId, people } = await roomWith(2);
    const [a, b] = people as [Actor, Actor];
    const old = await calls.join(a, { roomId });
    const pb = await calls.join(b, { roomId });
    const tab = ctx.otherTab(a);
    await rooms.enter(tab, { roomId });
    ctx.clear();

    const fresh = await calls.join(tab, { roomId });
    expect(ctx.raised('call.peerDetached')).toEqual([
      {
        roomId,
        peerId: old.peerId,
        connectionId: a.connectionId,
        exceptConnection: tab.connectionId,
      },
    ]);
    expect(fresh.peers.map((p) => p.peerId)).toEqual([pb.peerId]);
    await expect(signals.offer(a, { roomId, to: pb.peerId, sdp: offer })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    // Still in the call through the new tab.
    expect((await presence.participants(roomId)).find((p) => p.userId === a.user.id)?.inCall).toBe(
      true,
    );
  });

  it('leaving tells the call and the room; the last one out ends the call', async () => {
    const { roomId, people } = await roomWith(2);
    const [a, b] = people as [Actor, Actor];
    const pa = await calls.join(a, { roomId });
    await calls.join(b, { roomId });
    ctx.clear();

    await calls.leave(a, roomId);
    expect(ctx.raised('call.peerDetached')).toEqual([
      { roomId, peerId: pa.peerId, connectionId: a.connectionId },
    ]);
    const [changed] = ctx.raised('presence.participantsChanged');
    expect(changed?.participants.find((p) => p.userId === a.user.id)?.inCall).toBeUndefined();
    await expect(
      calls.setMedia(a, { roomId, audio: false, video: true, screen: false }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('media state changes are raised for the others, not echoed to the sender', async () => {
    const { roomId, people } = await roomWith(1);
    const pa = await calls.join(people[0]!, { roomId });
    ctx.clear();
    await calls.setMedia(people[0]!, { roomId, audio: false, video: true, screen: true });
    expect(ctx.raised('call.peerMediaChanged')).toEqual([
      {
        roomId,
        peerId: pa.peerId,
        connectionId: people[0]!.connectionId,
        media: { audio: false, video: true, screen: true },
      },
    ]);
  });
});
