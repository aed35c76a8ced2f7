import { describe, expect, it } from 'vitest';
import { MemoryCallStore, type CallInfo, type CallPeerEntry } from './call.store';

const media = { audio: true, video: true, screen: false };
const peer = (peerId: string, userId = peerId): CallPeerEntry => ({
  peerId,
  userId,
  username: `name-${userId}`,
  socketId: `socket-${peerId}`,
  media,
  joinedAt: 1,
});
const call = (callId: string): CallInfo => ({ callId, roomId: 'room', startedAt: 1 });

describe('MemoryCallStore', () => {
  it('starts a call with the first peer and returns the others to later joiners', async () => {
    const sut = new MemoryCallStore();
    const first = await sut.join('room', peer('p1'), 4, call('c1'));
    expect(first).toMatchObject({
      started: true,
      others: [],
      replaced: null,
      call: { callId: 'c1' },
    });
    const second = await sut.join('room', peer('p2'), 4, call('c2'));
    expect(second).toMatchObject({ started: false, call: { callId: 'c1' } });
    expect(second?.others.map((p) => p.peerId)).toEqual(['p1']);
  });

  it('refuses a joiner beyond the capacity, but not a user replacing their own peer', async () => {
    const sut = new MemoryCallStore();
    await sut.join('room', peer('p1', 'u1'), 2, call('c'));
    await sut.join('room', peer('p2', 'u2'), 2, call('c'));
    expect(await sut.join('room', peer('p3', 'u3'), 2, call('c'))).toBeNull();
    const again = await sut.join('room', peer('p4', 'u1'), 2, call('c'));
    expect(again?.replaced?.peerId).toBe('p1');
    expect((await sut.peers('room')).map((p) => p.peerId).sort()).toEqual(['p2', 'p4']);
  });

  it('ends the call with its last peer; the next join starts a new one', async () => {
    const sut = new MemoryCallStore();
    await sut.join('room', peer('p1'), 4, call('c1'));
    await sut.join('room', peer('p2'), 4, call('c1'));
    expect(await sut.leave('room', 'p1')).toMatchObject({ ended: false });
    expect(await sut.leave('room', 'p1')).toBeNull();
    expect(await sut.leave('room', 'p2')).toMatchObject({ ended: true, call: { callId: 'c1' } });
    expect(await sut.call('room')).toBeNull();
    expect(await sut.join('room', peer('p3'), 4, call('c2'))).toMatchObject({
      started: true,
      call: { callId: 'c2' },
    });
  });

  it('keeps media per peer and hands out copies', async () => {
    const sut = new MemoryCallStore();
    await sut.join('room', peer('p1'), 4, call('c'));
    expect(await sut.setMedia('room', 'p1', { audio: false, video: true, screen: true })).toBe(
      true,
    );
    expect(await sut.setMedia('room', 'nobody', media)).toBe(false);
    const copy = await sut.peer('room', 'p1');
    expect(copy?.media).toEqual({ audio: false, video: true, screen: true });
    if (copy) copy.media.audio = true;
    expect((await sut.peer('room', 'p1'))?.media.audio).toBe(false);
  });
});
