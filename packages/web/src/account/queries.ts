import type { ChangePasswordRequest, DeleteAccountRequest } from '@minimeet/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { session } from '../app/services';
import { createHttpClient } from '../lib/http';
import { createAccountApi } from './accountApi';

const accountApi = createAccountApi({
  http: createHttpClient((input, init) => fetch(input, init)),
  getToken: session.getAccessToken,
  refresh: session.refresh,
});

const sessionKeys = { all: ['account', 'sessions'] as const };

/** The user's signed-in sessions (this one marked `current`). */
export function useSessions() {
  return useQuery({ queryKey: sessionKeys.all, queryFn: accountApi.listSessions, staleTime: 0 });
}

export function useRevokeSession() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => accountApi.revokeSession(id),
    onSettled: () => client.invalidateQueries({ queryKey: sessionKeys.all }),
  });
}

/** Changing the password signs the other sessions out: the list is fetched again. */
export function useChangePassword() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: ChangePasswordRequest) => accountApi.changePassword(body),
    onSuccess: () => client.invalidateQueries({ queryKey: sessionKeys.all }),
  });
}

export function useDeleteAccount() {
  return useMutation({
    mutationFn: (body: DeleteAccountRequest) => accountApi.deleteAccount(body),
  });
}
