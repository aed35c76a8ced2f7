import { describe, expect, it } from 'vitest';
import { arrangeTiles } from './arrangement';
import { chooseStage, visibleTiles, type StageInput } from './stage';
import type { TileModel } from './tiles';
import { receiveKey } from './transport';

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
const grid: StageInput = { mode: 'grid', pinned: null, activeSpeakerId: null };
const keys = (tiles: readonly TileModel[]) => tiles.map((t) => t.key);

describe('chooseStage', () => {
  const me = tile(null);
  const ann = tile('ann');
  const bob = tile('bob');

  it('has no stage in the grid when nothing is pinned or shared', () => {
    const choice = chooseStage([me, ann, bob], grid);
    expect(choice.stage).toBeNull();
    expect(keys(choice.strip)).toEqual(['self', 'ann', 'bob']);
  });

  it('puts a pinned tile on the stage and the others in the strip', () => {
    const choice = chooseStage([me, ann, bob], { ...grid, pinned: 'bob' });
    expect(choice.stage?.key).toBe('bob');
    expect(choice.reason).toBe('pinned');
    expect(keys(choice.strip)).toEqual(['self', 'ann']);
  });

  it('lets us pin our own tile', () => {
    expect(chooseStage([me, ann], { ...grid, pinned: 'self' }).stage?.key).toBe('self');
  });

  it('puts a screen someone shares on the stage for everyone without a pin', () => {
    const screen = tile('ann', 'screen');
    const choice = chooseStage([me, ann, bob, screen], grid);
    expect(choice.stage).toBe(screen);
    expect(choice.reason).toBe('screen');
    expect(keys(choice.strip)).toEqual(['self', 'ann', 'bob']);
  });

  it('keeps what the user pinned on the stage when a screen share starts', () => {
    const screen = tile('ann', 'screen');
    const choice = chooseStage([me, ann, bob, screen], { ...grid, pinned: 'bob' });
    expect(choice.stage?.key).toBe('bob');
    expect(keys(choice.strip)).toEqual(['self', 'ann', 'ann-screen']);
  });

  it('does not stage our own screen share (it would mirror itself)', () => {
    const mine = tile(null, 'screen');
    expect(chooseStage([me, ann, mine], grid).stage).toBeNull();
  });

  it('falls back when the pinned tile left the call', () => {
    const screen = tile('ann', 'screen');
    expect(chooseStage([me, ann, screen], { ...grid, pinned: 'gone' }).stage).toBe(screen);
    expect(chooseStage([me, ann], { ...grid, pinned: 'gone' }).stage).toBeNull();
  });

  it('shows the active speaker in speaker view, else the first other person', () => {
    const speaker = { ...grid, mode: 'speaker' as const };
    expect(chooseStage([me, ann, bob], { ...speaker, activeSpeakerId: 'bob' }).stage).toBe(bob);
    expect(chooseStage([me, ann, bob], speaker).stage).toBe(ann);
    expect(chooseStage([me], speaker).stage).toBe(me);
    expect(chooseStage([me, ann, bob], { ...speaker, pinned: 'self' }).stage).toBe(me);
  });

  it('leaves our camera tile out while self-view is hidden, but not our screen', () => {
    const mine = tile(null, 'screen');
    expect(keys(visibleTiles([me, ann, mine], true))).toEqual(['ann', 'self-screen']);
    expect(keys(visibleTiles([me, ann], false))).toEqual(['self', 'ann']);
  });
});

describe('arrangeTiles with a stage', () => {
  const all = [tile(null), tile('ann'), tile('bob'), tile('ann', 'screen')];

  it('receives the staged screen at full quality and the strip at the smallest layer', () => {
    const a = arrangeTiles(all, { mode: 'grid', page: 0, width: 1000, activeSpeakerId: null });
    expect(a.stage?.key).toBe('ann-screen');
    expect(a.stageReason).toBe('screen');
    expect(keys(a.tiles)).toEqual(['self', 'ann', 'bob']);
    expect(a.receive.get(receiveKey('ann', 'screen'))).toEqual({ visible: true, layer: 2 });
    expect(a.receive.get(receiveKey('bob', 'camera'))).toEqual({ visible: true, layer: 0 });
  });

  it('hides our own tile and follows a pin', () => {
    const a = arrangeTiles(all, {
      mode: 'grid',
      page: 0,
      width: 1000,
      activeSpeakerId: null,
      pinned: 'bob',
      selfViewHidden: true,
    });
    expect(a.stage?.key).toBe('bob');
    expect(keys(a.tiles)).toEqual(['ann', 'ann-screen']);
  });
});
