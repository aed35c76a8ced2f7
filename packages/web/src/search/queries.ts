import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import type { SearchQuery } from '@minimeet/contract';
import { api } from '../app/services';

/** Search results, newest first, a page at a time ("More results" loads the next). */
export function useMessageSearch(query: Omit<SearchQuery, 'cursor' | 'limit'>) {
  const q = query.q.trim();
  const filters = { ...query, q };
  return useInfiniteQuery({
    queryKey: ['search', filters] as const,
    queryFn: ({ pageParam, signal }) =>
      api.searchMessages({ ...filters, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: q.length > 0,
    placeholderData: keepPreviousData,
    staleTime: 5_000,
  });
}
