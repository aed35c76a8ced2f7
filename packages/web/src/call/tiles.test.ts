import { describe, expect, it } from 'vitest';
import { INITIAL_SNAPSHOT, peerView, type CallSnapshot } from './callState';
import type { LocalMediaState } from './localMedia';
import { buildTiles } from './tiles';

const media = {
  stream: null,
  audioTrack: { kind: 'audio' } as MediaStreamTrack,
  videoTrack: null,
  audioEnabled: false,
  videoEnabled: true,
  screen: null,
} as unknown as LocalMediaState;

const screen = {} as MediaStream;

describe('buildTiles', () => {
  it('puts us first, then people in join order, then screen shares', () => {
    const call: CallSnapshot = {
      ...INITIAL_SNAPSHOT,
      peers: [
        {
          ...peerView({
            peerId: 'a',
            userId: 'ua',
            username: 'ann',
            media: { audio: true, video: true, screen: true },
          }),
          screen,
          connection: 'connected',
          quality: 'good',
        },
        {
          ...peerView({
            peerId: 'b',
            userId: 'ub',
            username: 'ben',
            media: { audio: true, video: false, screen: false },
          }),
          connection: 'failed',
        },
      ],
    };
    const tiles = buildTiles(call, media, 'me');
    expect(tiles.map((t) => t.name)).toEqual(['me', 'ann', 'ben', 'ann (screen)']);
    expect(tiles[0]).toMatchObject({ isLocal: true, audioOn: false, videoOn: false, link: null });
    expect(tiles[1]).toMatchObject({ link: 'connected', quality: 'good' });
    expect(tiles[2]).toMatchObject({ link: 'failed', videoOn: false });
  });

  it('shows a screen tile only while the peer says it shares and the stream is there', () => {
    const call: CallSnapshot = {
      ...INITIAL_SNAPSHOT,
      peers: [
        {
          ...peerView({
            peerId: 'a',
            userId: 'ua',
            username: 'ann',
            media: { audio: true, video: true, screen: false },
          }),
          screen,
        },
      ],
    };
    expect(buildTiles(call, media, 'me').map((t) => t.kind)).toEqual(['camera', 'camera']);
  });
});
