import type { CallListResponse, IceServersResponse } from '@minimeet/contract';
import type { ApiDeps } from '../lib/api';
import { AppError } from '../lib/errors';
import type { HttpRequest } from '../lib/http';

/** REST endpoints of calls: history of a room and ICE servers (bearer token, one refresh on 401). */
export function createCallApi({ http, getToken, refresh }: ApiDeps) {
  async function authed<T>(req: Omit<HttpRequest, 'token'>): Promise<T> {
    try {
      return await http.request<T>({ ...req, token: getToken() });
    } catch (error) {
      if (!(error instanceof AppError) || error.status !== 401) throw error;
      const fresh = await refresh();
      if (!fresh) throw error;
      return http.request<T>({ ...req, token: fresh });
    }
  }
  return {
    listCalls: (roomId: string) =>
      authed<CallListResponse>({
        method: 'GET',
        path: `/rooms/${encodeURIComponent(roomId)}/calls`,
      }),
    iceServers: () => authed<IceServersResponse>({ method: 'GET', path: '/rtc/ice-servers' }),
  };
}

export type CallApi = ReturnType<typeof createCallApi>;
