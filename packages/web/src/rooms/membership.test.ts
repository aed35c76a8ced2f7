import type { JoinRoomResult } from '@minimeet/contract';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { deferred, flushPromises } from '../test/fixtures';
import { AppError } from '../lib/errors';
import { createRoomMembership, type RoomJoinState } from './membership';

const result = (roomId: string): JoinRoomResult => ({
  room: {
    id: roomId,
    name: roomId,
    description: '',
    ownerId: 'o',
    maxParticipants: 10,
    accessMode: 'open',
    allowGuests: true,
    inviteToken: 'invite-token-0123456789',
    createdAt: '',
    participants: [],
    role: 'member',
  },
  participants: [{ userId: 'me', username: 'me' }],
});

function setup() {
  let connected = false;
  const connectListeners = new Set<() => void>();
  const disconnectListeners = new Set<() => void>();
  const joins: Array<{ roomId: string; answer: ReturnType<typeof deferred<JoinRoomResult>> }> = [];
  const leaves: string[] = [];
  const membership = createRoomMembership({
    isConnected: () => connected,
    join: (roomId) => {
      const answer = deferred<JoinRoomResult>();
      joins.push({ roomId, answer });
      return answer.promise;
    },
    leave: (roomId) => {
      leaves.push(roomId);
      return Promise.resolve();
    },
    onConnect: (l) => (connectListeners.add(l), () => void connectListeners.delete(l)),
    onDisconnect: (l) => (disconnectListeners.add(l), () => void disconnectListeners.delete(l)),
    retryDelayMs: 500,
  });
  return {
    membership,
    joins,
    leaves,
    connect: () => {
      connected = true;
      for (const l of connectListeners) l();
    },
    disconnect: () => {
      connected = false;
      for (const l of disconnectListeners) l();
    },
  };
}

describe('room membership (re-join on reconnect)', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it('joins an acquired room once connected, and again after every reconnect', async () => {
    const t = setup();
    const states: string[] = [];
    t.membership.subscribe('r1', (s) => states.push(s.status));
    t.membership.acquire('r1');
    expect(t.joins).toHaveLength(0); // not connected yet

    t.connect();
    expect(t.joins.map((j) => j.roomId)).toEqual(['r1']);
    t.joins[0]!.answer.resolve(result('r1'));
    await flushPromises();
    expect(t.membership.isJoined('r1')).toBe(true);

    t.disconnect();
    expect(t.membership.isJoined('r1')).toBe(false);
    t.connect();
    expect(t.joins.map((j) => j.roomId)).toEqual(['r1', 'r1']);
    t.joins[1]!.answer.resolve(result('r1'));
    await flushPromises();
    expect(states).toEqual(['joining', 'joined', 'idle', 'joining', 'joined']);
  });

  it('joins at once when acquired while connected; a second acquire does not join again', () => {
    const t = setup();
    t.connect();
    t.membership.acquire('r1');
    t.membership.acquire('r1');
    expect(t.joins).toHaveLength(1);
  });

  it('ignores a join answer that arrives after the connection dropped', async () => {
    const t = setup();
    t.connect();
    t.membership.acquire('r1');
    t.disconnect();
    t.joins[0]!.answer.resolve(result('r1'));
    await flushPromises();
    expect(t.membership.getState('r1').status).toBe('idle');
  });

  it('leaves when the last holder releases, and not before', async () => {
    const t = setup();
    t.connect();
    const releaseA = t.membership.acquire('r1');
    const releaseB = t.membership.acquire('r1');
    t.joins[0]!.answer.resolve(result('r1'));
    await flushPromises();
    releaseA();
    releaseA(); // double release is harmless
    expect(t.leaves).toEqual([]);
    releaseB();
    expect(t.leaves).toEqual(['r1']);
    t.disconnect();
    t.connect();
    expect(t.joins).toHaveLength(1); // a released room is not re-joined
  });

  it('reports a refusal as an error, and tries again on the next connection', async () => {
    const t = setup();
    t.connect();
    t.membership.acquire('r1');
    t.joins[0]!.answer.reject(new AppError('ROOM_FULL'));
    await flushPromises();
    const state = t.membership.getState('r1') as Extract<RoomJoinState, { status: 'error' }>;
    expect(state.status).toBe('error');
    expect(state.error.code).toBe('ROOM_FULL');
    t.disconnect();
    expect(t.membership.getState('r1').status).toBe('error');
    t.connect();
    expect(t.joins).toHaveLength(2);
  });

  it('asks again after a timeout while still connected', async () => {
    const t = setup();
    t.connect();
    t.membership.acquire('r1');
    t.joins[0]!.answer.reject(new AppError('TIMEOUT'));
    await flushPromises();
    expect(t.membership.getState('r1').status).toBe('idle');
    vi.advanceTimersByTime(500);
    expect(t.joins).toHaveLength(2);
  });

  it('tells onJoined listeners (the outbox flushes then)', async () => {
    const t = setup();
    const joined: string[] = [];
    t.membership.onJoined((roomId) => joined.push(roomId));
    t.connect();
    t.membership.acquire('r1');
    t.joins[0]!.answer.resolve(result('r1'));
    await flushPromises();
    expect(joined).toEqual(['r1']);
  });
});
