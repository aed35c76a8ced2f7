import type {
  AdminOverviewResponse,
  CallQualityResponse,
  RoomAnalyticsResponse,
} from '@minimeet/contract';
import { createAuthedRequest, type ApiDeps } from '../lib/api';

/** REST endpoints of analytics (bearer token, one refresh on 401). */
export function createAnalyticsApi(deps: ApiDeps) {
  const authed = createAuthedRequest(deps);
  const id = encodeURIComponent;
  return {
    room: (roomId: string, days?: number) =>
      authed<RoomAnalyticsResponse>({
        method: 'GET',
        path: `/rooms/${id(roomId)}/analytics`,
        query: { days },
      }),
    callQuality: (roomId: string, callId: string) =>
      authed<CallQualityResponse>({
        method: 'GET',
        path: `/rooms/${id(roomId)}/calls/${id(callId)}/quality`,
      }),
    overview: () => authed<AdminOverviewResponse>({ method: 'GET', path: '/admin/overview' }),
  };
}
