/** Characters a browser's URL parser drops wherever they are: tab, line feed, carriage return. */
const STRIPPED_BY_BROWSERS = /[\t\n\r]/g;
/** Any other control character has no place in a path we navigate to. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f]/;

/**
 * Returns `next` when it is a path inside this app, otherwise the fallback (no open redirects).
 * Decides on what the browser would see: `/\t/evil.example` is `//evil.example` to it.
 */
export function safeNextPath(next: string | null | undefined, fallback = '/'): string {
  const path = next?.replace(STRIPPED_BY_BROWSERS, '') ?? '';
  if (
    !path.startsWith('/') ||
    path.startsWith('//') ||
    path.startsWith('/\\') ||
    CONTROL.test(path)
  ) {
    return fallback;
  }
  if (path.startsWith('/signin') || path.startsWith('/register')) return fallback;
  return path;
}
