export interface GridLayout {
  columns: number;
  rows: number;
}

/** Below this width even two tiles stack (side by side they would be too small to see). */
export const NARROW_WIDTH_PX = 320;
/** From this width more than four tiles (people plus screen shares) use three columns. */
export const WIDE_WIDTH_PX = 900;

/** Columns and rows for `count` tiles in a container `width` pixels wide (phone to desktop). */
export function gridLayout(count: number, width: number): GridLayout {
  const n = Math.max(0, Math.floor(count));
  let columns: number;
  if (n <= 1) columns = 1;
  else if (n === 2) columns = width < NARROW_WIDTH_PX ? 1 : 2;
  else if (n <= 4) columns = 2;
  else columns = width >= WIDE_WIDTH_PX ? 3 : 2;
  return { columns, rows: n === 0 ? 0 : Math.ceil(n / columns) };
}
