import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from '../browser';
import type { ServerHarness } from '../harness';
import { waitFor } from '../waitFor';
import { Coturn } from './coturn';
import {
  createRoom,
  inbound,
  joinCall,
  launchCallBrowser,
  newCallUser,
  openRoom,
  startServer,
  waitForMediaFrom,
  type CallUser,
} from './callKit';

const RELAY = { iceTransportPolicy: 'relay' as const };
const SECRET = 'coturn-shared-secret-for-tests';

async function pairInCall(
  browser: Browser,
  server: ServerHarness,
  names: [string, string],
): Promise<CallUser[]> {
  const users = await Promise.all(
    names.map((n) => newCallUser(browser, server.url, n, { settings: RELAY })),
  );
  const roomId = await createRoom(users[0]!, `Relay ${names[0]}`);
  for (const user of users) await openRoom(user, roomId);
  for (const user of users) await joinCall(user);
  return users;
}

describe('relay-only calls through a real coturn', () => {
  const turn = new Coturn(SECRET);
  let good: ServerHarness;
  let wrong: ServerHarness;
  let browser: Browser;

  beforeAll(async () => {
    await turn.start();
    good = await startServer({ TURN_URLS: turn.url, TURN_SECRET: SECRET });
    wrong = await startServer({ TURN_URLS: turn.url, TURN_SECRET: 'not-the-secret-coturn-knows' });
    browser = await launchCallBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await good?.dispose();
    await wrong?.dispose();
    await turn.stop();
  });

  it('hands out time-limited TURN credentials in the coturn scheme, to people in a call', async () => {
    const user = await newCallUser(browser, good.url, 'probe');
    const ask = () =>
      user.context.request.get('/api/rtc/ice-servers', {
        headers: { Authorization: `Bearer ${user.token}` },
      });
    // Not in a call: no credentials for the relay.
    expect((await ask()).status()).toBe(403);
    await openRoom(user, await createRoom(user, 'Probe'));
    await joinCall(user);
    const res = await ask();
    expect(res.status()).toBe(200);
    const body = (await res.json()) as {
      iceServers: { urls: string | string[]; username?: string }[];
      ttl: number;
    };
    const server = body.iceServers.find((s) => String(s.urls).includes(turn.url));
    expect(server?.username).toMatch(/^\d+:/);
    expect(body.ttl).toBeGreaterThan(0);
    await user.context.close();
  });

  it('decodes video over relay candidates when the secret matches', async () => {
    const [a, b] = await pairInCall(browser, good, ['relay-a', 'relay-b']);
    const atA = await waitForMediaFrom(a!.page, ['relay-b'], { audio: true });
    const atB = await waitForMediaFrom(b!.page, ['relay-a'], { audio: true });
    for (const side of [atA[0], atB[0]]) {
      expect(side?.cameraFramesDecoded).toBeGreaterThan(0);
      expect(side?.localCandidateType).toBe('relay');
      expect(side?.remoteCandidateType).toBe('relay');
    }
    await screenshot(a!.page, 'call-relay');
  });

  it('gets no media at all when the server signs credentials with the wrong secret', async () => {
    const [a, b] = await pairInCall(browser, wrong, ['wrong-a', 'wrong-b']);
    // Both pages know about each other (signalling works) ...
    await waitFor(
      async () => (await inbound(a!.page)).length === 1 && (await inbound(b!.page)).length === 1,
      {
        message: 'peers listed',
      },
    );
    // ... but coturn answers 401 to every allocation, so gathering ends without a single
    // candidate (relay-only): no candidate pair can ever form and nothing is decoded.
    for (const page of [a!.page, b!.page]) {
      const [peer] = await waitFor(
        async () => {
          const list = await inbound(page);
          const p = list[0];
          return p && p.gathering === 'complete' && p.iceErrorCodes.includes(401) ? list : null;
        },
        { timeout: 20_000, message: 'TURN refuses the credentials (401) and gathering completes' },
      );
      expect(peer?.localCandidates).toBe(0);
      expect(peer?.cameraFramesDecoded).toBe(0);
      expect(peer?.audioSamplesReceived).toBe(0);
      expect(peer?.connection).not.toBe('connected');
    }
    await screenshot(a!.page, 'call-relay-wrong-secret');
  });
});
