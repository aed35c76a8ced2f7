/** What a file is, from its first bytes (npm `file-type`), never from its name. */

/** Raster images browsers decode safely: shown inline and thumbnailed. Everything else downloads. */
export const SAFE_IMAGE_TYPES: ReadonlySet<string> = new Set([
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
]);

export const UNKNOWN_TYPE = 'application/octet-stream';

/** Types that a browser could run script from if it rendered them: never recorded as such. */
const ACTIVE_TYPE = /html|xml|svg|javascript|ecmascript|x-shockwave|mathml/i;

type Detect = (head: Uint8Array) => Promise<{ mime: string } | undefined>;

let detector: Promise<Detect> | null = null;

/** file-type is ESM only: loaded once (Node's require of ESM on the CommonJS build). */
function loadDetector(): Promise<Detect> {
  detector ??= import('file-type').then((m) => m.fileTypeFromBuffer as Detect);
  return detector;
}

/**
 * The content type to record for a file whose first bytes are `head`: the detected type, or
 * application/octet-stream when nothing is detected (text, HTML, SVG have no magic number) or when
 * the type is one a browser might execute.
 */
export async function sniffContentType(head: Uint8Array): Promise<string> {
  const detect = await loadDetector();
  const mime = (await detect(head))?.mime;
  if (!mime || ACTIVE_TYPE.test(mime) || !/^[a-z0-9.+-]+\/[a-z0-9.+-]+$/i.test(mime))
    return UNKNOWN_TYPE;
  return mime;
}
