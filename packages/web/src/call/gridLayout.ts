export interface GridLayout {
  columns: number;
  rows: number;
}

/** Below this width even two tiles stack (side by side they would be too small to see). */
export const NARROW_WIDTH_PX = 320;
/** From this width more than four tiles (people plus screen shares) use three columns. */
export const WIDE_WIDTH_PX = 900;

/** Aspect ratio of the tiles (the cameras send 16:9; a screen is letterboxed inside). */
export const TILE_ASPECT = 16 / 9;
/** Gap between tiles in CSS pixels (as in call.css). */
export const TILE_GAP_PX = 6;

/** Width of one tile when `count` tiles sit in `columns` columns inside width x height. */
export function tileWidth(count: number, columns: number, width: number, height: number): number {
  const rows = Math.ceil(count / columns);
  const byWidth = (width - TILE_GAP_PX * (columns - 1)) / columns;
  const byHeight = ((height - TILE_GAP_PX * (rows - 1)) / rows) * TILE_ASPECT;
  return Math.max(0, Math.min(byWidth, byHeight));
}

/**
 * Columns and rows for `count` tiles in a container `width` pixels wide (phone to desktop).
 * With the height known too, the columns that give the largest 16:9 tiles that fit.
 */
export function gridLayout(count: number, width: number, height = 0): GridLayout {
  const n = Math.max(0, Math.floor(count));
  if (height > 0 && width > 0 && n > 0) {
    let best = 1;
    for (let c = 2; c <= n; c++) {
      if (tileWidth(n, c, width, height) > tileWidth(n, best, width, height) + 0.5) best = c;
    }
    return { columns: best, rows: Math.ceil(n / best) };
  }
  let columns: number;
  if (n <= 1) columns = 1;
  else if (n === 2) columns = width < NARROW_WIDTH_PX ? 1 : 2;
  else if (n <= 4) columns = 2;
  else columns = width >= WIDE_WIDTH_PX ? 3 : 2;
  return { columns, rows: n === 0 ? 0 : Math.ceil(n / columns) };
}
