import type { CreateRoomRequest } from '@minimeet/contract';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../app/services';

export const roomKeys = {
  all: ['rooms'] as const,
  list: () => [...roomKeys.all, 'list'] as const,
};

/** The user's rooms a page at a time (most recent activity first); `fetchNextPage` for more. */
export function useRooms() {
  return useInfiniteQuery({
    queryKey: roomKeys.list(),
    queryFn: ({ pageParam }) => api.listRooms({ cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    // The pages loaded so far, as one list.
    select: (data) => ({ items: data.pages.flatMap((page) => page.items) }),
    // Online counts and activity change without us: fresh on every visit, and now and then.
    staleTime: 0,
    refetchInterval: 20_000,
  });
}

export function useCreateRoom() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateRoomRequest) => api.createRoom(body),
    onSuccess: () => client.invalidateQueries({ queryKey: roomKeys.all }),
  });
}
