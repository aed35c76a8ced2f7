import type { InvitePreview } from '@minimeet/contract';
import { useCallback, useEffect, useRef, useState } from 'react';
import { connection } from '../app/realtime';
import { toAppError, type AppError } from '../lib/errors';
import { useStore } from '../lib/useStore';

export type KnockState =
  | { status: 'idle' }
  | { status: 'knocking' }
  | { status: 'waiting' }
  | { status: 'admitted'; roomId: string }
  | { status: 'denied' }
  | { status: 'error'; error: AppError };

/**
 * Asking to come into a room with its invite link. An open room (or a member) is admitted at
 * once; a lobby room puts the person on the waiting list until a moderator answers. The server
 * forgets a waiting connection when it drops, so the knock is repeated after a reconnect.
 */
export function useKnock(token: string, preview: InvitePreview | undefined) {
  const [state, setState] = useState<KnockState>({ status: 'idle' });
  const status = useStore(connection);
  const roomId = preview?.roomId;
  const waiting = useRef(false);

  const knock = useCallback(() => {
    setState({ status: 'knocking' });
    connection.request('knockRoom', { inviteToken: token }).then(
      (result) => {
        waiting.current = result.status === 'waiting';
        setState(
          result.status === 'waiting'
            ? { status: 'waiting' }
            : { status: 'admitted', roomId: result.roomId },
        );
      },
      (error: unknown) => setState({ status: 'error', error: toAppError(error) }),
    );
  }, [token]);

  // Back after a drop while waiting: take the place in the queue again.
  useEffect(() => {
    if (status === 'connected' && waiting.current) knock();
  }, [status, knock]);

  useEffect(() => {
    if (!roomId) return;
    const offs = [
      connection.on('lobbyAdmitted', (e) => {
        if (e.roomId !== roomId) return;
        waiting.current = false;
        setState({ status: 'admitted', roomId });
      }),
      connection.on('lobbyDenied', (e) => {
        if (e.roomId !== roomId) return;
        waiting.current = false;
        setState({ status: 'denied' });
      }),
    ];
    return () => {
      for (const off of offs) off();
      if (waiting.current && connection.isConnected())
        connection.request('leaveLobby', { roomId }).catch(() => undefined);
      waiting.current = false;
    };
  }, [roomId]);

  return { state, knock, connected: status === 'connected' };
}
