import type { CreateRoomRequest } from '@minimeet/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../app/services';

export const roomKeys = {
  all: ['rooms'] as const,
  list: () => [...roomKeys.all, 'list'] as const,
};

export function useRooms() {
  return useQuery({
    queryKey: roomKeys.list(),
    queryFn: () => api.listRooms(),
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
