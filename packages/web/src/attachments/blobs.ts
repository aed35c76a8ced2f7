import { session } from '../app/services';
import { AppError, codeFromStatus } from '../lib/errors';

/**
 * A file of the API as a blob: URL. Downloads need the bearer token, which an <img src> or a link
 * cannot send; the caller revokes the URL when done with it.
 */
export async function fetchBlobUrl(path: string, signal?: AbortSignal): Promise<string> {
  const send = (token: string | null) =>
    fetch(path, {
      headers: token ? { Authorization: `Bearer ${token}` } : {},
      credentials: 'same-origin',
      signal,
    });
  let res = await send(session.getAccessToken());
  if (res.status === 401) res = await send(await session.refresh());
  if (!res.ok) throw new AppError(codeFromStatus(res.status), { status: res.status });
  return URL.createObjectURL(await res.blob());
}

/** Saves a file of the API under its name, through a temporary blob: link. */
export async function saveFile(path: string, name: string): Promise<void> {
  const url = await fetchBlobUrl(path);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => releaseBlobUrl(url), 10_000);
}

/** Frees a URL from fetchBlobUrl. */
export function releaseBlobUrl(url: string): void {
  URL.revokeObjectURL(url);
}
