/** Deepest JSON nesting a request body may have; our payloads need a handful of levels. */
export const MAX_JSON_DEPTH = 32;

/**
 * Whether a JSON text nests arrays/objects deeper than `max`. A scan of brackets outside strings,
 * not a parser: it runs before JSON.parse so an over-deep body never reaches parsing, the DTO
 * transform or validation (whose recursion such a body would overflow).
 */
export function exceedsJsonDepth(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

/**
 * body-parser `verify` hook: refuses an over-deep JSON body with 400 (answered as VALIDATION by
 * the exception filter, no stack logged).
 */
export function refuseDeepJson(_req: unknown, _res: unknown, buf: Buffer, encoding: string): void {
  const text = new TextDecoder(encoding || 'utf-8').decode(buf);
  if (exceedsJsonDepth(text, MAX_JSON_DEPTH)) {
    throw Object.assign(new Error(`JSON body nested deeper than ${MAX_JSON_DEPTH} levels`), {
      status: 400,
      type: 'entity.too.deep',
    });
  }
}
