import type { Attachment, ChatMessage, ReplyQuote, SendMessagePayload } from '@minimeet/contract';
import { isTransient, toAppError } from '../lib/errors';
import type { PendingMessage, PendingQueue } from './pendingQueue';

export interface OutboxDeps {
  queue: PendingQueue;
  /** True once the room is joined on the current connection (the server only accepts it then). */
  isJoined: (roomId: string) => boolean;
  send: (payload: SendMessagePayload) => Promise<{ message: ChatMessage }>;
  /** The server stored the message. */
  onSent: (message: ChatMessage) => void;
  /** Keeps a room joined while it has messages to send, even when no page shows it. */
  acquireRoom: (roomId: string) => () => void;
  /** Delay before trying again after a transient failure while still joined. */
  retryDelayMs?: number;
}

export interface Outbox {
  send: (
    roomId: string,
    content: string,
    replyTo?: ReplyQuote,
    attachments?: Attachment[],
  ) => PendingMessage;
  retry: (clientMessageId: string) => void;
  discard: (clientMessageId: string) => void;
  /** Sends the room's waiting messages, oldest first, one at a time. */
  flush: (roomId: string) => Promise<void>;
  dispose: () => void;
}

/**
 * Sends queued messages exactly once from the user's point of view: each goes out with its
 * clientMessageId (a resend after a lost ack returns the stored message), and stays queued
 * while the connection is down.
 */
export function createOutbox(deps: OutboxDeps): Outbox {
  const { queue } = deps;
  const flushing = new Set<string>();
  const held = new Map<string, () => void>();
  const retryTimers = new Map<string, ReturnType<typeof setTimeout>>();

  async function flush(roomId: string): Promise<void> {
    if (flushing.has(roomId) || !deps.isJoined(roomId)) return;
    flushing.add(roomId);
    try {
      for (let item = queue.nextPending(roomId); item; item = queue.nextPending(roomId)) {
        if (!deps.isJoined(roomId)) break;
        const { clientMessageId, content, replyTo, attachments } = item;
        queue.markSending(clientMessageId);
        try {
          const payload: SendMessagePayload = { roomId, content, clientMessageId };
          if (replyTo) payload.replyToId = replyTo.id;
          if (attachments) payload.attachmentIds = attachments.map((a) => a.id);
          const { message } = await deps.send(payload);
          deps.onSent(message);
          queue.remove(clientMessageId);
        } catch (error) {
          const { code } = toAppError(error);
          if (isTransient(code)) {
            queue.markPending(clientMessageId);
            scheduleRetry(roomId);
            break;
          }
          queue.markFailed(clientMessageId, code);
        }
      }
    } finally {
      flushing.delete(roomId);
    }
  }

  function scheduleRetry(roomId: string): void {
    clearTimeout(retryTimers.get(roomId));
    retryTimers.set(
      roomId,
      setTimeout(() => {
        retryTimers.delete(roomId);
        void flush(roomId);
      }, deps.retryDelayMs ?? 3000),
    );
  }

  /** Hold every room that has something to send; let go of the others. */
  function syncHeldRooms(): void {
    const waiting = new Set(
      queue
        .getState()
        .filter((m) => m.status !== 'failed')
        .map((m) => m.roomId),
    );
    for (const roomId of waiting) if (!held.has(roomId)) held.set(roomId, deps.acquireRoom(roomId));
    for (const [roomId, release] of held) {
      if (waiting.has(roomId)) continue;
      held.delete(roomId);
      release();
    }
  }

  const offQueue = queue.subscribe(syncHeldRooms);
  syncHeldRooms();

  return {
    send: (roomId, content, replyTo, attachments) => {
      const item = queue.enqueue(roomId, content, replyTo, attachments);
      void flush(roomId);
      return item;
    },
    retry: (clientMessageId) => {
      const item = queue.getState().find((m) => m.clientMessageId === clientMessageId);
      if (!item || item.status !== 'failed') return;
      queue.markPending(clientMessageId);
      void flush(item.roomId);
    },
    discard: (clientMessageId) => queue.remove(clientMessageId),
    flush,
    dispose: () => {
      offQueue();
      for (const timer of retryTimers.values()) clearTimeout(timer);
      for (const release of held.values()) release();
      held.clear();
    },
  };
}
