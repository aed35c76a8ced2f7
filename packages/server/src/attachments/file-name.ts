import { ATTACHMENT_NAME_MAX_LENGTH } from '@minimeet/contract';
import { normaliseText } from '../common/text';

/**
 * A file name safe to store, show and send back: the last path segment only, no control or bidi
 * characters, no leading dots, at most ATTACHMENT_NAME_MAX_LENGTH characters (the extension kept).
 */
export function cleanFileName(raw: string): string {
  const base = raw.split(/[/\\]/).pop() ?? '';
  let name = normaliseText(base, { multiline: false })
    .replace(/[<>:"|?*]/g, '_')
    .replace(/^[.\s]+/, '')
    .trim();
  const chars = [...name];
  if (chars.length > ATTACHMENT_NAME_MAX_LENGTH) {
    const dot = name.lastIndexOf('.');
    const ext = dot > 0 && name.length - dot <= 16 ? [...name.slice(dot)] : [];
    name = chars.slice(0, ATTACHMENT_NAME_MAX_LENGTH - ext.length).join('') + ext.join('');
  }
  return name === '' ? 'file' : name;
}

/** The name from the upload header (percent-encoded UTF-8); a malformed encoding is taken as is. */
export function decodeFileNameHeader(value: string | undefined): string {
  if (value === undefined) return 'file';
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/**
 * Content-Disposition with an ASCII fallback and the exact name as RFC 5987 `filename*`.
 * `inline` only for the safe raster images; everything else is a download.
 */
export function contentDisposition(kind: 'inline' | 'attachment', name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\%;]/g, '_');
  const encoded = encodeURIComponent(name).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/**
 * The name as search compares it: lower case without diacritics (the same folding as
 * search/word-match.ts `foldText`, which the file-name search applies to its terms).
 */
export const foldFileName = (name: string): string =>
  name.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
