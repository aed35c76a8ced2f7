import sharp from 'sharp';

/** Decompression-bomb guard: images of more pixels than this are not decoded (about 7000 x 7000). */
export const MAX_INPUT_PIXELS = 50_000_000;
/** Thumbnails fit in this square (CSS pixels x2 for sharp screens). */
const THUMB_SIZE = 320;
export const THUMBNAIL_TYPE = 'image/webp';

export interface DecodedImage {
  width: number;
  height: number;
  thumbnail: Buffer;
}

/**
 * Decodes an image with sharp (libvips), never by hand: its size and a WebP thumbnail. Null when it
 * does not decode or has more than MAX_INPUT_PIXELS pixels; the file is then just a download.
 */
export async function decodeImage(bytes: Buffer): Promise<DecodedImage | null> {
  const options = { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' as const };
  try {
    const meta = await sharp(bytes, options).metadata();
    const { width, height } = meta;
    if (!width || !height || width * height > MAX_INPUT_PIXELS) return null;
    const thumbnail = await sharp(bytes, options)
      .rotate()
      .resize(THUMB_SIZE, THUMB_SIZE, { fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 75 })
      .toBuffer();
    const upright = (meta.orientation ?? 1) >= 5;
    return upright ? { width: height, height: width, thumbnail } : { width, height, thumbnail };
  } catch {
    return null;
  }
}
