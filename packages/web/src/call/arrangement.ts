import type { SfuLayer } from '@minimeet/contract';
import { gridLayout } from './gridLayout';
import { chooseStage, visibleTiles, type StageReason, type ViewMode } from './stage';
import type { TileModel } from './tiles';
import { receiveKey, type ReceiveView, type TileReceive } from './transport';

/** Below this width (a phone) a grid page holds 4 tiles; above it 9. */
export const PHONE_WIDTH_PX = 600;

export function tilesPerPage(width: number): number {
  return width > 0 && width < PHONE_WIDTH_PX ? 4 : 9;
}

/** The simulcast layer a tile of this width needs (unknown width: the full one). */
export function layerForWidth(px: number): SfuLayer {
  if (px <= 0 || px >= 480) return 2;
  return px >= 240 ? 1 : 0;
}

export interface Arrangement {
  mode: ViewMode;
  /** The page shown (clamped to the pages there are), 0-based. */
  page: number;
  pageCount: number;
  /** The large tile: pinned, someone's screen, or the active speaker in speaker view. */
  stage: TileModel | null;
  stageReason: StageReason | null;
  /** The grid page, or the strip under the stage. */
  tiles: TileModel[];
  columns: number;
  rows: number;
  /** Remote people whose tile is not shown: their audio still has to play. */
  offscreen: TileModel[];
  /** What the SFU should send: off-screen videos paused, each shown one at the size it needs. */
  receive: ReceiveView;
}

export interface ArrangeOptions {
  mode: ViewMode;
  page: number;
  /** Width of the call area in CSS pixels (0 when not measured yet). */
  width: number;
  /** Height of the tile area in CSS pixels (0 when not measured: columns from the width only). */
  height?: number;
  activeSpeakerId: string | null;
  /** Key of the tile the user pinned. */
  pinned?: string | null;
  /** Our own camera tile is hidden (self-view off). */
  selfViewHidden?: boolean;
}

/** Splits the tiles into pages (grid) or stage + strip, and what to receive. */
export function arrangeTiles(all: readonly TileModel[], options: ArrangeOptions): Arrangement {
  const perPage = tilesPerPage(options.width);
  const {
    stage,
    reason,
    strip: rest,
  } = chooseStage(visibleTiles(all, options.selfViewHidden ?? false), {
    mode: options.mode,
    pinned: options.pinned ?? null,
    activeSpeakerId: options.activeSpeakerId,
  });
  const size = stage ? Math.max(1, perPage - 1) : perPage;
  const pageCount = Math.max(1, Math.ceil(rest.length / size));
  const page = Math.min(Math.max(0, Math.floor(options.page)), pageCount - 1);
  const tiles = rest.slice(page * size, page * size + size);
  const { columns, rows } = stage
    ? { columns: Math.max(1, tiles.length), rows: tiles.length > 0 ? 1 : 0 }
    : gridLayout(tiles.length, options.width, options.height ?? 0);
  const tileLayer: SfuLayer = stage ? 0 : layerForWidth(options.width / Math.max(1, columns));

  const receive = new Map<string, TileReceive>();
  const shown = new Set(tiles);
  if (stage) shown.add(stage);
  for (const t of all) {
    if (t.isLocal || t.peerId === null) continue;
    const visible = shown.has(t);
    receive.set(receiveKey(t.peerId, t.kind), {
      visible,
      layer: t === stage ? 2 : visible ? tileLayer : 0,
    });
  }
  const offscreen = all.filter((t) => !t.isLocal && t.kind === 'camera' && !shown.has(t));
  return {
    mode: options.mode,
    page,
    pageCount,
    stage,
    stageReason: reason,
    tiles,
    columns,
    rows,
    offscreen,
    receive,
  };
}

/** A short text key of a receive view (to send it only when it changes). */
export function receiveViewKey(view: ReceiveView): string {
  return [...view]
    .map(([k, v]) => `${k}=${v.visible ? v.layer : '-'}`)
    .sort()
    .join(';');
}
