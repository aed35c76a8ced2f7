import type { ModeratedMedia } from '@minimeet/contract';
import { describe, expect, it } from 'vitest';
import { createSelfModeration, type SelfModerationDeps } from './selfModeration';

const ROOM = 'room-1';

function setup(blocked: ModeratedMedia[] = []) {
  const handlers = new Map<string, (event: unknown) => void>();
  const turnedOff: ModeratedMedia[] = [];
  let ended = 0;
  const connection = {
    on: (event: string, handler: (event: unknown) => void) => {
      handlers.set(event, handler);
      return () => handlers.delete(event);
    },
    request: (() => Promise.resolve({ roomId: ROOM, blocked })) as unknown,
  } as SelfModerationDeps['connection'];
  const moderation = createSelfModeration({
    roomId: ROOM,
    connection,
    turnOff: (kind) => turnedOff.push(kind),
    callEnded: () => (ended += 1),
  });
  const emit = (event: string, payload: unknown) => handlers.get(event)?.(payload);
  return { moderation, emit, turnedOff, ended: () => ended, handlers };
}

describe('self moderation', () => {
  it('turns media off when a moderator asks, and keeps what is blocked until unblocked', () => {
    const { moderation, emit, turnedOff } = setup();
    emit('mediaModerated', { roomId: ROOM, kind: 'audio', blocked: false });
    expect(turnedOff).toEqual(['audio']);
    expect(moderation.getState()).toEqual({ blocked: [], notice: 'A moderator muted you.' });
    emit('mediaModerated', { roomId: ROOM, kind: 'video', blocked: true });
    expect(moderation.getState().blocked).toEqual(['video']);
    expect(moderation.getState().notice).toMatch(/turned off your camera/);
    emit('mediaUnblocked', { roomId: ROOM, kind: 'video' });
    expect(moderation.getState().blocked).toEqual([]);
    // Another room's events are not ours.
    emit('mediaModerated', { roomId: 'other', kind: 'screen', blocked: true });
    expect(turnedOff).toEqual(['audio', 'video']);
  });

  it('asks for its blocks after joining, and hears the call ended by a moderator', async () => {
    const { moderation, emit, ended, handlers } = setup(['screen']);
    await moderation.refresh();
    expect(moderation.getState().blocked).toEqual(['screen']);
    emit('callEndedByModerator', { roomId: ROOM });
    expect(ended()).toBe(1);
    expect(moderation.getState()).toEqual({ blocked: [], notice: 'A moderator ended the call' });
    moderation.dispose();
    expect(handlers.size).toBe(0);
  });
});
