import { useQuery } from '@tanstack/react-query';
import { session } from '../app/services';
import { createHttpClient } from '../lib/http';
import { createAnalyticsApi } from './analyticsApi';

const analyticsApi = createAnalyticsApi({
  http: createHttpClient((input, init) => fetch(input, init)),
  getToken: session.getAccessToken,
  refresh: session.refresh,
});

export function useRoomAnalytics(roomId: string, days: number) {
  return useQuery({
    queryKey: ['analytics', 'room', roomId, days],
    queryFn: () => analyticsApi.room(roomId, days),
  });
}

export function useCallQuality(roomId: string, callId: string) {
  return useQuery({
    queryKey: ['analytics', 'call', roomId, callId],
    queryFn: () => analyticsApi.callQuality(roomId, callId),
  });
}

export function useAdminOverview() {
  return useQuery({
    queryKey: ['analytics', 'overview'],
    queryFn: () => analyticsApi.overview(),
    refetchInterval: 30_000,
  });
}
