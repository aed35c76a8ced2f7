import type { SfuStream } from '@minimeet/contract';
import { describe, expect, it } from 'vitest';
import { receiveKey } from '../transport';
import {
  audioMidOf,
  changedSettings,
  rolesOfPeer,
  streamSettings,
  tracksByPeer,
  tracksKey,
} from './streams';
import { cameraEncodings, vp8First } from './simulcast';

const s = (
  mid: string,
  kind: 'audio' | 'video',
  peerId: string,
  role: 'camera' | 'screen',
  active = true,
): SfuStream => ({
  mid,
  kind,
  peerId,
  role,
  active,
});
const STREAMS = [
  s('0', 'video', 'a', 'camera'),
  s('1', 'audio', 'a', 'camera'),
  s('2', 'video', 'b', 'camera', false),
  s('3', 'audio', 'b', 'camera'),
  s('4', 'video', 'a', 'screen'),
];
const track = (id: string) => ({ id }) as MediaStreamTrack;

describe('SFU streams', () => {
  it('groups active sections by peer: microphone first, then camera; screens apart', () => {
    const byPeer = tracksByPeer(STREAMS, (mid) => track(`t${mid}`));
    expect(byPeer.get('a')?.camera.map((t) => t.id)).toEqual(['t1', 't0']);
    expect(byPeer.get('a')?.screen?.id).toBe('t4');
    expect(byPeer.get('b')?.camera.map((t) => t.id)).toEqual(['t3']);
    expect(tracksKey(byPeer.get('a'))).toBe('t1,t0|t4');
    expect(tracksKey(undefined)).toBe('');
    expect(tracksByPeer(STREAMS, () => null).size).toBe(0);
  });

  it("knows the role of each of a peer's mids and its microphone", () => {
    expect([...rolesOfPeer(STREAMS, 'a')]).toEqual([
      ['0', 'camera'],
      ['1', 'audio'],
      ['4', 'screen'],
    ]);
    expect(audioMidOf(STREAMS, 'b')).toBe('3');
    expect(audioMidOf(STREAMS, 'x')).toBeNull();
  });

  it('asks for the layer each tile needs, pauses hidden ones, and sends only changes', () => {
    const view = new Map([
      [receiveKey('a', 'camera'), { visible: false, layer: 0 as const }],
      [receiveKey('a', 'screen'), { visible: true, layer: 2 as const }],
    ]);
    const settings = streamSettings(STREAMS, view);
    expect(settings).toEqual([
      { mid: '0', send: false },
      { mid: '4', send: true, layer: 2 },
    ]);
    const sent = new Map<string, string>();
    expect(changedSettings(settings, sent)).toHaveLength(2);
    expect(changedSettings(settings, sent)).toEqual([]);
    view.set(receiveKey('a', 'camera'), { visible: true, layer: 0 });
    expect(changedSettings(streamSettings(STREAMS, view), sent)).toEqual([
      { mid: '0', send: true, layer: 0 },
    ]);
  });
});

describe('simulcast', () => {
  it('sends three layers from about 640x360 up, one encoding below', () => {
    expect(
      cameraEncodings({ width: 640, height: 360 })?.map((e) => [e.rid, e.scaleResolutionDownBy]),
    ).toEqual([
      ['h', 1],
      ['m', 2],
      ['l', 4],
    ]);
    expect(cameraEncodings({ width: 360, height: 640 })).toHaveLength(3);
    expect(cameraEncodings({ width: 320, height: 240 })).toBeUndefined();
    expect(cameraEncodings({ width: 640, height: 240 })).toBeUndefined();
  });

  it('puts VP8 first and keeps only its helpers', () => {
    const c = (mimeType: string) => ({ mimeType, clockRate: 90000 });
    expect(
      vp8First([c('video/H264'), c('video/VP8'), c('video/rtx'), c('video/VP9')]).map(
        (x) => x.mimeType,
      ),
    ).toEqual(['video/VP8', 'video/rtx']);
  });
});
