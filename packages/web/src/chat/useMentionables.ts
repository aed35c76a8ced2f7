import type { Participant, PublicUser } from '@minimeet/contract';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { api } from '../app/services';

/** The people `@` offers in a room: its members, and whoever is online in it now. */
export function useMentionables(
  roomId: string,
  participants: readonly Participant[],
  joined: boolean,
): PublicUser[] {
  const members = useQuery({
    // The same key as the members list of the room's settings: one cache for both.
    queryKey: ['room', roomId, 'members'],
    queryFn: () => api.listMembers(roomId),
    enabled: joined,
    staleTime: 60_000,
  });
  return useMemo(() => {
    const byId = new Map<string, PublicUser>();
    for (const m of members.data?.items ?? []) byId.set(m.user.id, m.user);
    for (const p of participants) byId.set(p.userId, { id: p.userId, username: p.username });
    return [...byId.values()];
  }, [members.data, participants]);
}
