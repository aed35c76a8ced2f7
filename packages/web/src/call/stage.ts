import type { TileModel } from './tiles';

export type ViewMode = 'grid' | 'speaker';

/** Why a tile is on the stage: the user pinned it, someone shares a screen, or speaker view. */
export type StageReason = 'pinned' | 'screen' | 'speaker';

export interface StageInput {
  mode: ViewMode;
  /** Key of the tile the user pinned (null: none; a pin of a tile that left is ignored). */
  pinned: string | null;
  activeSpeakerId: string | null;
}

export interface StageChoice {
  stage: TileModel | null;
  reason: StageReason | null;
  /** Every other tile, in grid order: the strip beside or under the stage (or the grid). */
  strip: TileModel[];
}

function speaker(tiles: readonly TileModel[], activeSpeakerId: string | null): TileModel | null {
  const remote = tiles.filter((t) => !t.isLocal && t.kind === 'camera');
  return remote.find((t) => t.peerId === activeSpeakerId) ?? remote[0] ?? tiles[0] ?? null;
}

/**
 * Which tile takes the stage. A pin wins; otherwise a screen someone else shares takes it for
 * everyone (our own screen would only mirror itself); otherwise the speaker view shows the active
 * speaker; otherwise there is no stage and every tile is in the grid.
 */
export function chooseStage(tiles: readonly TileModel[], input: StageInput): StageChoice {
  const pinned = input.pinned ? (tiles.find((t) => t.key === input.pinned) ?? null) : null;
  const screen = tiles.find((t) => t.kind === 'screen' && !t.isLocal) ?? null;
  let stage: TileModel | null = null;
  let reason: StageReason | null = null;
  if (pinned) [stage, reason] = [pinned, 'pinned'];
  else if (screen) [stage, reason] = [screen, 'screen'];
  else if (input.mode === 'speaker')
    [stage, reason] = [speaker(tiles, input.activeSpeakerId), 'speaker'];
  if (!stage) return { stage: null, reason: null, strip: [...tiles] };
  return { stage, reason, strip: tiles.filter((t) => t !== stage) };
}

/** The tiles shown: our own camera tile left out while self-view is hidden. */
export function visibleTiles(tiles: readonly TileModel[], selfViewHidden: boolean): TileModel[] {
  return selfViewHidden ? tiles.filter((t) => !(t.isLocal && t.kind === 'camera')) : [...tiles];
}
