import { describe, expect, it } from 'vitest';
import { nextActiveSpeaker, patchPeer, peerView, removePeer, upsertPeer } from './callState';
import { formatDuration } from './callMessages';
import { classifyMediaError } from './mediaErrors';
import { rmsLevel } from './audioLevel';

const alice = peerView({
  peerId: 'p1',
  userId: 'u1',
  username: 'alice',
  media: { audio: true, video: true, screen: false },
});
const bob = peerView({
  peerId: 'p2',
  userId: 'u2',
  username: 'bob',
  media: { audio: true, video: false, screen: false },
});

describe('peer list helpers', () => {
  it('adds, replaces in place and removes peers', () => {
    const list = upsertPeer(upsertPeer([], alice), bob);
    expect(list.map((p) => p.username)).toEqual(['alice', 'bob']);
    const renamed = upsertPeer(list, { ...alice, username: 'alice2' });
    expect(renamed.map((p) => p.username)).toEqual(['alice2', 'bob']);
    expect(removePeer(list, 'p1').map((p) => p.username)).toEqual(['bob']);
    expect(removePeer(list, 'nobody')).toBe(list);
  });

  it('returns the same array when a patch changes nothing', () => {
    const list = [alice, bob];
    expect(patchPeer(list, 'p1', { speaking: false })).toBe(list);
    const next = patchPeer(list, 'p1', { speaking: true });
    expect(next).not.toBe(list);
    expect(next[0]?.speaking).toBe(true);
    expect(patchPeer(list, 'missing', { speaking: true })).toBe(list);
  });
});

describe('small formatting and classification helpers', () => {
  it('formats durations', () => {
    expect(formatDuration(42)).toBe('42 s');
    expect(formatDuration(185)).toBe('3 min 5 s');
    expect(formatDuration(3720)).toBe('1 h 2 min');
  });

  it('classifies getUserMedia failures', () => {
    expect(classifyMediaError(new DOMException('x', 'NotAllowedError'))).toBe('permission-denied');
    expect(classifyMediaError(new DOMException('x', 'NotFoundError'))).toBe('no-device');
    expect(classifyMediaError(new DOMException('x', 'NotReadableError'))).toBe('device-busy');
    expect(classifyMediaError('weird')).toBe('unknown');
  });

  it('measures a silent and a loud signal', () => {
    expect(rmsLevel(new Float32Array(64))).toBe(0);
    expect(rmsLevel(Array.from({ length: 64 }, (_, i) => (i % 2 ? 0.2 : -0.2)))).toBeCloseTo(0.8);
  });
});

describe('active speaker', () => {
  it('keeps the last speaker until someone else speaks, and forgets who left', () => {
    const a = { ...alice, speaking: true };
    const b = { ...bob, speaking: true };
    expect(nextActiveSpeaker(null, [alice, bob])).toBeNull();
    expect(nextActiveSpeaker(null, [alice, b])).toBe('p2');
    expect(nextActiveSpeaker('p2', [alice, bob])).toBe('p2');
    expect(nextActiveSpeaker('p2', [a, b])).toBe('p2');
    expect(nextActiveSpeaker('p2', [a, bob])).toBe('p1');
    expect(nextActiveSpeaker('p2', [alice])).toBeNull();
  });
});
