import type { ChatMessage } from '@minimeet/contract';
import { useEffect, useMemo } from 'react';
import { pendingQueue, rooms } from '../app/realtime';
import { useStore } from '../lib/useStore';
import type { PendingMessage } from './pendingQueue';
import type { RoomController } from './roomController';

/** The room's controller, joined for as long as the calling component is mounted. */
export function useRoomController(roomId: string): RoomController {
  const controller = useMemo(() => rooms.get(roomId), [roomId]);
  useEffect(() => rooms.retain(controller), [controller]);
  return controller;
}

/** This room's unconfirmed messages, minus any the server has confirmed meanwhile. */
export function usePendingMessages(
  roomId: string,
  confirmed: readonly ChatMessage[],
): PendingMessage[] {
  const all = useStore(pendingQueue);
  return useMemo(() => {
    const mine = all.filter((m) => m.roomId === roomId);
    if (mine.length === 0) return mine;
    const done = new Set(confirmed.map((m) => m.clientMessageId));
    return mine.filter((m) => !done.has(m.clientMessageId));
  }, [all, roomId, confirmed]);
}
