import type { ApiErrorBody } from '@minimeet/contract';
import { AppError, ClientErrorCode, codeFromStatus, toAppErrorCode } from './errors';

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;
export type QueryValue = string | number | undefined | null;

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Path under /api, e.g. `/rooms`. */
  path: string;
  body?: unknown;
  query?: Record<string, QueryValue>;
  token?: string | null;
  signal?: AbortSignal;
}

export interface HttpClient {
  request: <T>(req: HttpRequest) => Promise<T>;
}

function isApiErrorBody(value: unknown): value is ApiErrorBody {
  if (typeof value !== 'object' || value === null) return false;
  const error = (value as { error?: unknown }).error;
  return typeof error === 'object' && error !== null && 'code' in error;
}

export function buildUrl(
  baseUrl: string,
  path: string,
  query?: Record<string, QueryValue>,
): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const qs = params.toString();
  return `${baseUrl}/api${path}${qs ? `?${qs}` : ''}`;
}

/** JSON over fetch. Every failure becomes an AppError with a code (never a raw message). */
export function createHttpClient(fetchFn: FetchLike, baseUrl = ''): HttpClient {
  async function request<T>(req: HttpRequest): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (req.body !== undefined) headers['Content-Type'] = 'application/json';
    if (req.token) headers.Authorization = `Bearer ${req.token}`;

    let response: Response;
    try {
      response = await fetchFn(buildUrl(baseUrl, req.path, req.query), {
        method: req.method,
        headers,
        body: req.body === undefined ? undefined : JSON.stringify(req.body),
        credentials: 'same-origin',
        signal: req.signal,
      });
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') throw error;
      throw new AppError(ClientErrorCode.NETWORK, { cause: error });
    }

    if (response.status === 204) return undefined as T;
    const body: unknown = await response.json().catch(() => undefined);
    if (!response.ok) {
      if (isApiErrorBody(body)) {
        throw new AppError(toAppErrorCode(body.error.code), {
          status: response.status,
          fields: body.error.fields,
        });
      }
      throw new AppError(codeFromStatus(response.status), { status: response.status });
    }
    if (body === undefined)
      throw new AppError(ClientErrorCode.UNKNOWN, { status: response.status });
    return body as T;
  }
  return { request };
}
