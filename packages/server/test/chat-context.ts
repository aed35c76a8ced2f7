import type { Room } from '@minimeet/contract';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { api, connected, startStack, type ClientSocket, type TestUser } from './harness';
import { rememberInvite } from './call-helpers';

export interface ChatContext {
  /** Base URL of the file's server (set once beforeAll has run). */
  readonly base: string;
  /** A connected socket for the user, closed after each test. */
  open: (user: TestUser) => Promise<ClientSocket>;
  createRoom: (user: TestUser, body?: Record<string, unknown>) => Promise<Room>;
}

/** One server for the test file (with `env` on top of the test defaults), and sockets that are closed after every test. */
export function useChatStack(env: Record<string, string> = {}): ChatContext {
  let stack: Awaited<ReturnType<typeof startStack>>;
  const sockets: ClientSocket[] = [];
  beforeAll(async () => {
    stack = await startStack(env);
  });
  afterEach(() => {
    for (const s of sockets.splice(0)) s.disconnect();
  });
  afterAll(() => stack.stop());
  return {
    get base() {
      return stack.server.url;
    },
    open: async (user) => {
      const s = await connected(stack.server.url, user.accessToken);
      sockets.push(s);
      return s;
    },
    createRoom: async (user, body = { name: 'Standup' }) => {
      const res = await api<Room>(stack.server.url, 'POST', '/api/rooms', {
        token: user.accessToken,
        body,
      });
      if (res.status === 201) rememberInvite(res.body);
      return res.body;
    },
  };
}
