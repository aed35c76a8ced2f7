import type { RoomDetail, SetRoleRequest, UpdateRoomRequest } from '@minimeet/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../app/services';

const keys = {
  room: (roomId: string) => ['room', roomId] as const,
  members: (roomId: string) => ['room', roomId, 'members'] as const,
};

/** The room as a member sees it (null when the caller is not a member). */
export function useRoomDetail(roomId: string) {
  return useQuery({
    queryKey: keys.room(roomId),
    queryFn: async () => {
      const room = await api.getRoom(roomId);
      return 'role' in room ? room : null;
    },
    staleTime: 0,
  });
}

export function useMembers(roomId: string) {
  return useQuery({ queryKey: keys.members(roomId), queryFn: () => api.listMembers(roomId) });
}

export function useUpdateRoom(roomId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateRoomRequest) => api.updateRoom(roomId, body),
    onSuccess: (room) =>
      client.setQueryData<RoomDetail | null>(keys.room(roomId), (old) =>
        old ? { ...old, ...room } : old,
      ),
  });
}

export function useRegenerateInvite(roomId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.regenerateInvite(roomId),
    onSuccess: (room) =>
      client.setQueryData<RoomDetail | null>(keys.room(roomId), (old) =>
        old ? { ...old, ...room } : old,
      ),
  });
}

export function useSetRole(roomId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ userId, role }: { userId: string } & SetRoleRequest) =>
      api.setRole(roomId, userId, { role }),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.members(roomId) }),
  });
}

export function useDeleteRoom(roomId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.deleteRoom(roomId),
    onSuccess: () => client.invalidateQueries({ queryKey: ['rooms'] }),
  });
}
