import type {
  ChatMessage,
  JoinRoomResult,
  LoadHistoryPayload,
  LoadHistoryResult,
} from '@minimeet/contract';
import { describe, expect, it } from 'vitest';
import type { RoomJoinState, RoomMembership } from '../rooms';
import { flushPromises, msg } from '../test/fixtures';
import { createRoomController, type RoomControllerDeps } from './roomController';
import { CHANGES_MARGIN_MS } from './timeline';

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
  /** When each stored message last changed (server time), as the server's changed_at. */
  const changedAt = new Map<string, string>();
  const history: LoadHistoryPayload[] = [];
  const listeners = new Map<string, Set<(payload: never) => void>>();
  let connected = true;
  const page = (p: LoadHistoryPayload): LoadHistoryResult => {
    const since = p.changedSince;
    if (since !== undefined) {
      const messages = stored
        .filter((m) => (changedAt.get(m.id) ?? '') > since)
        .sort((a, b) => (changedAt.get(a.id) ?? '').localeCompare(changedAt.get(b.id) ?? ''));
      return { messages, nextCursor: null };
    }
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
    /** A change stored at `at` (server time) that this client did not hear live. */
    change: (message: ChatMessage, at: string) => {
      const i = stored.findIndex((m) => m.id === message.id);
      if (i < 0) stored.unshift(message);
      else stored[i] = message;
      changedAt.set(message.id, at);
    },
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
const forward = (t: ReturnType<typeof setup>) => t.history.filter((p) => p.after !== undefined);

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
    expect(forward(t).at(-1)).toMatchObject({ roomId: 'room-1', after: '2' });
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
    expect(forward(t).at(-1)).toMatchObject({ after: '2' });
    stop();
  });
});

describe('an open room catches up on changes made while delivery was interrupted', () => {
  const at = (minute: number) => new Date(Date.UTC(2025, 0, 15, 10, minute)).toISOString();

  it('after a catchUp event shows the edit, the deleted placeholder and the reaction it missed', async () => {
    const t = setup();
    t.stored.push(msg('3', 3), msg('4', 4));
    const stop = t.controller.activate();
    await flushPromises(10);
    expect(ids(t)).toEqual(['1', '2', '3', '4']);

    // Delivery between processes broke at minute 10; meanwhile 1 was edited, 2 deleted by its
    // author, 3 reacted to; 4 had changed before then (it must not be asked for again).
    const [one, two, three, four] = t.stored as [
      ChatMessage,
      ChatMessage,
      ChatMessage,
      ChatMessage,
    ];
    t.change({ ...four, content: 'old edit', editedAt: at(5) }, at(5));
    t.change({ ...one, content: 'edited while away', editedAt: at(11) }, at(11));
    t.change({ ...two, content: '', deleted: true, deletedBy: 'author' }, at(12));
    const party = { emoji: '🎉' as const, count: 1, users: [{ id: 'u-x', username: 'x' }] };
    t.change({ ...three, reactions: [party] }, at(13));
    // A message outside what the room holds changed too: never added by the catch-up.
    t.change(msg('0', 0, { content: 'older, not loaded', editedAt: at(14) }), at(14));
    t.emit('catchUp', { reason: 'delivery-interrupted', since: at(10) });
    await flushPromises(10);

    const shown = t.controller.timeline.getState().messages;
    expect(shown.map((m) => m.id)).toEqual(['1', '2', '3', '4']);
    expect(shown[0]).toMatchObject({ content: 'edited while away', editedAt: at(11) });
    expect(shown[1]).toMatchObject({ content: '', deleted: true, deletedBy: 'author' });
    expect(shown[2]?.reactions).toEqual([party]);
    expect(shown[3]?.content).toBe('message 4');
    expect(t.history.at(-1)).toMatchObject({ roomId: 'room-1', changedSince: at(10) });
    stop();
  });

  it('after its own reconnect asks for changes since the newest server time it saw, less a margin', async () => {
    const t = setup();
    const stop = t.controller.activate();
    await flushPromises(10);
    t.drop();
    const [one] = t.stored as [ChatMessage];
    t.change({ ...one, content: 'edited while offline', editedAt: at(20) }, at(20));
    t.reconnect();
    await flushPromises(10);
    expect(t.controller.timeline.getState().messages[0]?.content).toBe('edited while offline');
    // The newest time it had seen: message 2, created at minute 2; minus CHANGES_MARGIN_MS.
    expect(t.history.at(-1)?.changedSince).toBe(
      new Date(Date.parse(at(2)) - CHANGES_MARGIN_MS).toISOString(),
    );
    stop();
  });
});
