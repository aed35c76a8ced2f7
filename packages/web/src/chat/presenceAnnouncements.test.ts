import type { Participant } from '@minimeet/contract';
import { describe, expect, it } from 'vitest';
import { presenceAnnouncements } from './presenceAnnouncements';

const ann: Participant = { userId: 'a', username: 'ann' };
const bob: Participant = { userId: 'b', username: 'bob' };
const me: Participant = { userId: 'me', username: 'me' };

describe('presenceAnnouncements', () => {
  it('says nothing when the room first opens', () => {
    expect(presenceAnnouncements(null, [ann, bob, me], 'me')).toEqual([]);
  });

  it('announces who came in and who left, never yourself', () => {
    expect(presenceAnnouncements([ann, me], [bob, me], 'me')).toEqual([
      'bob joined the room',
      'ann left the room',
    ]);
    expect(presenceAnnouncements([ann], [ann, me], 'me')).toEqual([]);
  });

  it('announces joining and leaving the call', () => {
    expect(presenceAnnouncements([ann, bob], [{ ...ann, inCall: true }, bob], 'me')).toEqual([
      'ann joined the call',
    ]);
    expect(presenceAnnouncements([{ ...ann, inCall: true }], [ann], 'me')).toEqual([
      'ann left the call',
    ]);
  });
});
