import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../app/services';

const keys = {
  bans: (roomId: string) => ['room', roomId, 'bans'] as const,
  log: (roomId: string) => ['room', roomId, 'moderation-log'] as const,
};

export function useBans(roomId: string) {
  return useQuery({ queryKey: keys.bans(roomId), queryFn: () => api.listBans(roomId) });
}

export function useUnban(roomId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (userId: string) => api.unban(roomId, userId),
    onSuccess: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: keys.bans(roomId) }),
        client.invalidateQueries({ queryKey: keys.log(roomId) }),
      ]),
  });
}

/** The moderation log, newest first, a page at a time. */
export function useModerationLog(roomId: string) {
  return useInfiniteQuery({
    queryKey: keys.log(roomId),
    queryFn: ({ pageParam }) => api.moderationLog(roomId, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    staleTime: 0,
  });
}
