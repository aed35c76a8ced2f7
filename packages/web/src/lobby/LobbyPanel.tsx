import type { LobbyResponse } from '@minimeet/contract';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { connection } from '../app/realtime';
import { api } from '../app/services';
import { describeError } from '../lib/errors';
import './lobby.css';

const lobbyKey = (roomId: string) => ['lobby', roomId] as const;

/** For the owner and moderators: who is waiting to join, live, with Admit and Deny. */
export function LobbyPanel({ roomId, canModerate }: { roomId: string; canModerate: boolean }) {
  const client = useQueryClient();
  const [problem, setProblem] = useState<string | null>(null);
  const lobby = useQuery({
    queryKey: lobbyKey(roomId),
    queryFn: () => api.getLobby(roomId),
    enabled: canModerate,
    staleTime: 0,
  });

  useEffect(() => {
    if (!canModerate) return;
    const offs = [
      connection.on('lobbyUpdate', (e) => {
        if (e.roomId === roomId)
          client.setQueryData<LobbyResponse>(lobbyKey(roomId), { items: e.waiting });
      }),
      // Events sent while disconnected are lost: read the list again.
      connection.onConnect(() => void client.invalidateQueries({ queryKey: lobbyKey(roomId) })),
    ];
    return () => offs.forEach((off) => off());
  }, [canModerate, roomId, client]);

  const waiting = lobby.data?.items ?? [];
  if (!canModerate || waiting.length === 0) return null;

  const answer = (event: 'admitKnock' | 'denyKnock', userId: string) => {
    setProblem(null);
    connection
      .request(event, { roomId, userId })
      .catch((error: unknown) => setProblem(describeError(error, 'settings')));
  };

  return (
    <section className="lobby-panel card" aria-label="Waiting to join">
      <h2 className="side-title">Waiting to join ({waiting.length})</h2>
      <ul className="lobby-list">
        {waiting.map((w) => (
          <li key={w.userId}>
            <span className="lobby-name">{w.username}</span>
            <span className="lobby-actions">
              <button
                type="button"
                className="btn btn-small btn-primary"
                aria-label={`Admit ${w.username}`}
                onClick={() => answer('admitKnock', w.userId)}
              >
                Admit
              </button>
              <button
                type="button"
                className="btn btn-small btn-ghost"
                aria-label={`Deny ${w.username}`}
                onClick={() => answer('denyKnock', w.userId)}
              >
                Deny
              </button>
            </span>
          </li>
        ))}
      </ul>
      {problem && (
        <p className="note note-error" role="alert">
          {problem}
        </p>
      )}
    </section>
  );
}
