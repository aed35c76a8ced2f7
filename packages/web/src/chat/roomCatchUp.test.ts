import type { JoinRoomResult, LoadHistoryPayload, LoadHistoryResult } from '@minimeet/contract';
import { describe, expect, it } from 'vitest';
import type { RoomJoinState, RoomMembership } from '../rooms';
import { flushPromises, msg } from '../test/fixtures';
import { createRoomController, type RoomControllerDeps } from './roomController';

const joined: JoinRoomResult = {
  room: {
    id: 'room-1',
    name: 'Room',
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
  participants: [],
};

/** A server with the room's messages, a connection that can drop, and one open room. */
function setup() {
  const stored = [msg('1', 1), msg('2', 2)];
  const history: LoadHistoryPayload[] = [];
  const listeners = new Map<string, Set<(payload: never) => void>>();
  let connected = true;
  const page = (p: LoadHistoryPayload): LoadHistoryResult => {
    const after = p.after;
    const messages =
      after === undefined ? stored.slice(-50) : stored.filter((m) => Number(m.id) > Number(after));
    return { messages, nextCursor: null };
  };
  const connection = {
    isConnected: () => connected,
    on: (event: string, listener: (payload: never) => void) => {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener);
      return () => void set.delete(listener);
    },
    request: (event: string, payload: unknown) => {
      if (event !== 'loadMessageHistory') return Promise.reject(new Error('not in this test'));
      history.push(payload as LoadHistoryPayload);
      return Promise.resolve(page(payload as LoadHistoryPayload));
    },
  } as unknown as RoomControllerDeps['connection'];
  // The room's join state as the real membership moves it: idle on a drop, joined on reconnect.
  let state: RoomJoinState = { status: 'joined', result: joined };
  const joinListeners = new Set<(s: RoomJoinState) => void>();
  const setJoin = (next: RoomJoinState): void => {
    state = next;
    for (const l of [...joinListeners]) l(next);
  };
  const membership: RoomMembership = {
    acquire: () => () => undefined,
    getState: () => state,
    isJoined: () => connected && state.status === 'joined',
    subscribe: (_roomId, l) => (joinListeners.add(l), () => void joinListeners.delete(l)),
    onJoined: () => () => undefined,
    dispose: () => undefined,
  };
  const controller = createRoomController('room-1', {
    connection,
    membership,
    selfId: () => 'me',
  });
  return {
    controller,
    stored,
    history,
    emit: (event: string, payload: unknown) => {
      for (const l of listeners.get(event) ?? []) l(payload as never);
    },
    drop: () => {
      connected = false;
      setJoin({ status: 'idle' });
    },
    reconnect: () => {
      connected = true;
      setJoin({ status: 'joining' });
      setJoin({ status: 'joined', result: joined });
    },
  };
}
const ids = (t: ReturnType<typeof setup>) =>
  t.controller.timeline.getState().messages.map((m) => m.id);

describe('an open room catches up live after a reconnect', () => {
  it('fetches what was stored while the socket was down, and shows each message once', async () => {
    const t = setup();
    const stop = t.controller.activate();
    await flushPromises(10);
    expect(ids(t)).toEqual(['1', '2']);

    t.drop();
    t.stored.push(msg('3', 3), msg('4', 4));
    t.reconnect();
    t.emit('newMessage', msg('4', 4)); // the live copy of one it also fetches
    await flushPromises(10);

    expect(ids(t)).toEqual(['1', '2', '3', '4']);
    expect(t.history.at(-1)).toMatchObject({ roomId: 'room-1', after: '2' });
    stop();
  });

  it('catches up when the server says delivery between its processes was interrupted', async () => {
    const t = setup();
    const stop = t.controller.activate();
    await flushPromises(10);
    // 3 was lost between processes; 4 arrived live from this process meanwhile.
    t.stored.push(msg('3', 3), msg('4', 4));
    t.emit('newMessage', msg('4', 4));
    t.emit('catchUp', { reason: 'delivery-interrupted', since: t.stored[2]!.createdAt });
    await flushPromises(10);
    expect(ids(t)).toEqual(['1', '2', '3', '4']);
    expect(t.history.at(-1)).toMatchObject({ after: '2' });
    stop();
  });
});
