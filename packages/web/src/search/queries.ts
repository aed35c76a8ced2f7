import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../app/services';

export function useMessageSearch(q: string, roomId: string | null) {
  const term = q.trim();
  return useQuery({
    queryKey: ['search', term, roomId ?? ''] as const,
    queryFn: ({ signal }) => api.searchMessages(term, roomId ?? undefined, signal),
    enabled: term.length > 0,
    placeholderData: keepPreviousData,
    staleTime: 5_000,
  });
}
