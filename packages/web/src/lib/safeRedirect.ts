/** Returns `next` when it is a path inside this app, otherwise the fallback (no open redirects). */
export function safeNextPath(next: string | null | undefined, fallback = '/'): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) {
    return fallback;
  }
  if (next.startsWith('/signin') || next.startsWith('/register')) return fallback;
  return next;
}
