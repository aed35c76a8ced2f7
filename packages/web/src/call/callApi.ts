import type { CallLimitsResponse, CallListResponse, IceServersResponse } from '@minimeet/contract';
import { createAuthedRequest, type ApiDeps } from '../lib/api';

/** REST endpoints of calls: history of a room and ICE servers (bearer token, one refresh on 401). */
export function createCallApi(deps: ApiDeps) {
  const authed = createAuthedRequest(deps);
  return {
    listCalls: (roomId: string) =>
      authed<CallListResponse>({
        method: 'GET',
        path: `/rooms/${encodeURIComponent(roomId)}/calls`,
      }),
    iceServers: () => authed<IceServersResponse>({ method: 'GET', path: '/rtc/ice-servers' }),
    limits: () => authed<CallLimitsResponse>({ method: 'GET', path: '/calls/limits' }),
  };
}
