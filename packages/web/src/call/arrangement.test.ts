import { describe, expect, it } from 'vitest';
import { arrangeTiles, layerForWidth, receiveViewKey, tilesPerPage } from './arrangement';
import type { TileModel } from './tiles';

const tile = (peerId: string | null, kind: 'camera' | 'screen' = 'camera'): TileModel => ({
  key: `${peerId ?? 'self'}${kind === 'screen' ? '-screen' : ''}`,
  peerId,
  name: peerId ?? 'me',
  kind,
  stream: null,
  isLocal: peerId === null,
  audioOn: true,
  videoOn: true,
  speaking: false,
  quality: null,
  link: null,
});
const people = (n: number) => [tile(null), ...Array.from({ length: n }, (_, i) => tile(`p${i}`))];

describe('arrangeTiles', () => {
  it('pages nine tiles on a desktop and four on a phone', () => {
    expect(tilesPerPage(1000)).toBe(9);
    expect(tilesPerPage(360)).toBe(4);
    const desk = arrangeTiles(people(11), {
      mode: 'grid',
      page: 1,
      width: 1000,
      activeSpeakerId: null,
    });
    expect(desk.pageCount).toBe(2);
    expect(desk.tiles.map((t) => t.key)).toEqual(['p8', 'p9', 'p10']);
    expect(desk.offscreen.map((t) => t.key)).toEqual([
      'p0',
      'p1',
      'p2',
      'p3',
      'p4',
      'p5',
      'p6',
      'p7',
    ]);
    const phone = arrangeTiles(people(11), {
      mode: 'grid',
      page: 9,
      width: 360,
      activeSpeakerId: null,
    });
    expect(phone.pageCount).toBe(3);
    expect(phone.page).toBe(2);
    expect(phone.tiles).toHaveLength(4);
  });

  it('pauses videos of other pages and asks small tiles for a small layer', () => {
    const a = arrangeTiles(people(11), {
      mode: 'grid',
      page: 0,
      width: 1000,
      activeSpeakerId: null,
    });
    expect(a.columns).toBe(3);
    expect(a.receive.get('p0/camera')).toEqual({ visible: true, layer: 1 });
    expect(a.receive.get('p9/camera')).toEqual({ visible: false, layer: 0 });
    expect(a.receive.has('self/camera')).toBe(false);
    const two = arrangeTiles(people(1), {
      mode: 'grid',
      page: 0,
      width: 1000,
      activeSpeakerId: null,
    });
    expect(two.receive.get('p0/camera')).toEqual({ visible: true, layer: 2 });
    const phone = arrangeTiles(people(3), {
      mode: 'grid',
      page: 0,
      width: 360,
      activeSpeakerId: null,
    });
    expect(phone.receive.get('p0/camera')?.layer).toBe(0);
    expect([layerForWidth(0), layerForWidth(200), layerForWidth(300), layerForWidth(600)]).toEqual([
      2, 0, 1, 2,
    ]);
  });

  it('puts the active speaker (or a shared screen) on the stage at full size, the rest small', () => {
    const tiles = people(4);
    const s = arrangeTiles(tiles, { mode: 'speaker', page: 0, width: 1000, activeSpeakerId: 'p2' });
    expect(s.stage?.key).toBe('p2');
    expect(s.receive.get('p2/camera')).toEqual({ visible: true, layer: 2 });
    expect(s.receive.get('p0/camera')).toEqual({ visible: true, layer: 0 });
    expect(s.tiles.map((t) => t.key)).toEqual(['self', 'p0', 'p1', 'p3']);
    const shared = arrangeTiles([...tiles, tile('p1', 'screen')], {
      mode: 'speaker',
      page: 0,
      width: 1000,
      activeSpeakerId: 'p2',
    });
    expect(shared.stage?.key).toBe('p1-screen');
    expect(shared.receive.get('p1/screen')).toEqual({ visible: true, layer: 2 });
    const nobody = arrangeTiles([tile(null)], {
      mode: 'speaker',
      page: 0,
      width: 1000,
      activeSpeakerId: null,
    });
    expect(nobody.stage?.key).toBe('self');
    expect(receiveViewKey(s.receive)).toBe('p0/camera=0;p1/camera=0;p2/camera=2;p3/camera=0');
  });
});
