import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { deferred, flushPromises } from '../test/fixtures';
import { FakeSocket } from '../test/fakeSocket';
import { AppError } from './errors';
import { createConnection, type ConnectionDeps } from './socket';

function setup(over: Partial<ConnectionDeps> = {}) {
  let token = 'token-1';
  let online = true;
  const sockets: FakeSocket[] = [];
  const refresh = vi.fn(() => {
    token = `token-${Number(token.split('-')[1]) + 1}`;
    return Promise.resolve<string | null>(token);
  });
  const connection = createConnection({
    createSocket: (auth) => {
      const socket = new FakeSocket(auth);
      sockets.push(socket);
      return socket.asSocket();
    },
    getToken: () => token,
    refreshToken: refresh,
    isBrowserOnline: () => online,
    offlineAfterFailures: 3,
    retryDelayMs: 1000,
    ...over,
  });
  return {
    connection,
    refresh,
    sockets,
    get socket() {
      return sockets[sockets.length - 1]!;
    },
    setOnline: (value: boolean) => {
      online = value;
    },
  };
}

describe('connection', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it('connects with the current token read at each attempt', () => {
    const t = setup();
    t.connection.start();
    expect(t.connection.getState()).toBe('connecting');
    expect(t.socket.connectCalls).toBe(1);
    expect(t.socket.token()).toEqual({ token: 'token-1' });
    t.socket.serverAccepts();
    expect(t.connection.getState()).toBe('connected');
  });

  it('refreshes the token and connects again when the handshake is unauthorized', async () => {
    const t = setup();
    t.connection.start();
    t.socket.refuse('unauthorized');
    expect(t.refresh).toHaveBeenCalledTimes(1);
    await flushPromises();
    expect(t.socket.connectCalls).toBe(2);
    expect(t.socket.token()).toEqual({ token: 'token-2' });
  });

  it('does not reconnect when the refresh says the session is over', async () => {
    const t = setup({ refreshToken: () => Promise.resolve(null) });
    t.connection.start();
    t.socket.refuse('unauthorized');
    await flushPromises();
    expect(t.socket.connectCalls).toBe(1);
  });

  it('retries the refresh later when the server cannot be reached for it', async () => {
    const failing = deferred<string | null>();
    const refresh = vi.fn().mockReturnValueOnce(failing.promise).mockResolvedValue('token-9');
    const t = setup({ refreshToken: refresh });
    t.connection.start();
    t.socket.refuse('unauthorized');
    failing.reject(new AppError('NETWORK'));
    await flushPromises();
    expect(t.socket.connectCalls).toBe(1);
    vi.advanceTimersByTime(1000);
    await flushPromises();
    expect(refresh).toHaveBeenCalledTimes(2);
    expect(t.socket.connectCalls).toBe(2);
  });

  it('says reconnecting after a drop, offline after repeated failures or when the browser is offline', () => {
    const t = setup();
    t.connection.start();
    t.socket.serverAccepts();
    t.socket.drop();
    expect(t.connection.getState()).toBe('reconnecting');
    t.socket.transportError();
    t.socket.transportError();
    expect(t.connection.getState()).toBe('reconnecting');
    t.socket.transportError();
    expect(t.connection.getState()).toBe('offline');
    t.socket.serverAccepts();
    expect(t.connection.getState()).toBe('connected');
    t.setOnline(false);
    t.socket.drop();
    expect(t.connection.getState()).toBe('offline');
  });

  it('tells connect/disconnect listeners every time (the room membership re-joins on connect)', () => {
    const t = setup();
    const events: string[] = [];
    t.connection.onConnect(() => events.push('connect'));
    t.connection.onDisconnect(() => events.push('disconnect'));
    t.connection.start();
    t.socket.serverAccepts();
    t.socket.drop();
    t.socket.serverAccepts();
    expect(events).toEqual(['connect', 'disconnect', 'connect']);
  });

  it('comes back by itself after the server closed the socket', async () => {
    const t = setup();
    t.connection.start();
    t.socket.serverAccepts();
    t.socket.drop('io server disconnect');
    await flushPromises();
    expect(t.refresh).toHaveBeenCalledTimes(1);
    expect(t.socket.connectCalls).toBe(2);
  });

  describe('request', () => {
    it('resolves with the ack data', async () => {
      const t = setup();
      t.connection.start();
      t.socket.serverAccepts();
      const pending = t.connection.request('joinRoom', { roomId: 'r1' }, 1234);
      const sent = t.socket.sent[0]!;
      expect(sent).toMatchObject({ event: 'joinRoom', payload: { roomId: 'r1' }, timeoutMs: 1234 });
      sent.reply({ ok: true, data: { roomId: 'r1' } });
      await expect(pending).resolves.toEqual({ roomId: 'r1' });
    });

    it("rejects with the server's error code", async () => {
      const t = setup();
      t.connection.start();
      t.socket.serverAccepts();
      const pending = t.connection.request('sendMessage', {
        roomId: 'r',
        content: 'x',
        clientMessageId: 'c',
      });
      t.socket.sent[0]!.reply({ ok: false, error: { code: 'RATE_LIMITED', message: 'slow down' } });
      await expect(pending).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    });

    it('rejects with TIMEOUT when no ack comes back', async () => {
      const t = setup();
      t.connection.start();
      t.socket.serverAccepts();
      const pending = t.connection.request('typing', { roomId: 'r', isTyping: true });
      t.socket.sent[0]!.fail(new Error('operation has timed out'));
      await expect(pending).rejects.toMatchObject({ code: 'TIMEOUT' });
    });

    it('never emits while disconnected (Socket.IO would buffer and replay it)', async () => {
      const t = setup();
      t.connection.start();
      await expect(t.connection.request('joinRoom', { roomId: 'r' })).rejects.toMatchObject({
        code: 'OFFLINE',
      });
      expect(t.socket.sent).toHaveLength(0);
    });
  });

  it('keeps event subscriptions across stop/start (a new socket)', () => {
    const t = setup();
    const got: string[] = [];
    t.connection.on('newMessage', (m) => got.push(m.id));
    t.connection.start();
    t.socket.fire('newMessage', { id: 'm1' });
    t.connection.stop();
    expect(t.connection.getState()).toBe('idle');
    t.connection.start();
    t.socket.fire('newMessage', { id: 'm2' });
    expect(got).toEqual(['m1', 'm2']);
    expect(t.sockets).toHaveLength(2);
  });
});
