/**
 * A test file's cluster (one process, or two with MariaDB + Redis) and its rooms: an owner entered
 * on server 0 and a member on server 1, and chat messages sent from a member's socket.
 */
import type { ChatMessage } from '@minimeet/contract';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { createRoom, enter, SocketPool, unwrap, type Member } from './call-helpers';
import { emitAck, registerUser, startCluster, type TestCluster } from './harness';

let seq = 0;
/** A clientMessageId not used before in this process. */
export const nextClientMessageId = (): string => `m-${++seq}`;

export interface TwoMemberRoom {
  roomId: string;
  owner: Member;
  member: Member;
}

export interface ChatCluster {
  cluster: () => TestCluster;
  url: (i: number) => string;
  pool: SocketPool;
  /** A new room whose owner is on server 0 and a member on server 1, both with a joined socket. */
  room: () => Promise<TwoMemberRoom>;
}

/** A message from the member's socket (a reply when `replyToId` is given); it must be stored. */
export async function sendMessage(
  m: Member,
  roomId: string,
  content: string,
  replyToId?: string,
): Promise<ChatMessage> {
  const ack = await emitAck(m.socket, 'sendMessage', {
    roomId,
    content,
    clientMessageId: nextClientMessageId(),
    ...(replyToId ? { replyToId } : {}),
  });
  return unwrap(ack).message;
}

/**
 * Starts the cluster before the file's tests (with `env`, read then) and stops it after; closes the
 * file's sockets after each test.
 */
export function useChatCluster(env: () => Record<string, string> = () => ({})): ChatCluster {
  let started: TestCluster | undefined;
  const pool = new SocketPool();
  const cluster = (): TestCluster => {
    if (!started) throw new Error('the cluster is not started');
    return started;
  };
  const url = (i: number): string => cluster().url(i);
  beforeAll(async () => {
    started = await startCluster(env());
  });
  afterEach(() => pool.closeAll());
  afterAll(() => started?.stop());
  return {
    cluster,
    url,
    pool,
    room: async () => {
      const ownerUser = await registerUser(url(0));
      const created = await createRoom(url(0), ownerUser);
      const owner = await enter(url(0), pool, created.id, ownerUser);
      const member = await enter(url(1), pool, created.id);
      return { roomId: created.id, owner, member };
    },
  };
}
