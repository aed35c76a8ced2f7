import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from '../browser';
import type { ServerHarness } from '../harness';
import { waitFor } from '../waitFor';
import {
  callPanel,
  createRoom,
  dropSocket,
  inbound,
  joinCall,
  launchCallBrowser,
  newCallUser,
  openRoom,
  startServer,
  tile,
  waitForMediaFrom,
  type CallUser,
} from './callKit';

describe('calls survive a dropped socket and notice a closed tab', () => {
  let server: ServerHarness;
  let browser: Browser;
  let amy: CallUser;
  let bob: CallUser;
  let cy: CallUser;
  let roomId = '';

  beforeAll(async () => {
    server = await startServer();
    browser = await launchCallBrowser();
    amy = await newCallUser(browser, server.url, 'amy');
    bob = await newCallUser(browser, server.url, 'bob');
    cy = await newCallUser(browser, server.url, 'cyd');
    roomId = await createRoom(amy, 'Flaky network');
    for (const user of [amy, bob, cy]) await openRoom(user, roomId);
    for (const user of [amy, bob]) await joinCall(user);
    await waitForMediaFrom(amy.page, ['bob']);
    await waitForMediaFrom(bob.page, ['amy']);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  it('says "Reconnecting..." while the socket is down, then rejoins with media flowing again', async () => {
    const oldPeer = (await inbound(amy.page))[0]?.peerId;
    const restore = await dropSocket(bob);
    await callPanel(bob.page).getByRole('status').filter({ hasText: 'Reconnecting...' }).waitFor();
    await screenshot(bob.page, 'call-reconnecting');
    await restore();
    await callPanel(bob.page)
      .getByRole('status')
      .filter({ hasText: 'In call with 2 people' })
      .waitFor({ timeout: 30_000 });
    // A new session: new peer ids on both sides, fresh connections that decode again.
    await waitFor(
      async () => {
        const [p] = await inbound(amy.page);
        return p && p.peerId !== oldPeer && p.cameraFramesDecoded > 0 && p.audioSamplesReceived > 0;
      },
      { timeout: 30_000, message: 'amy decodes bob again over a new connection' },
    );
    await waitForMediaFrom(bob.page, ['amy'], { audio: true });
    expect(await tile(amy.page, 'bob').count()).toBe(1);
  });

  it('comes back after a drop longer than the server\u2019s grace period', async () => {
    const restore = await dropSocket(bob);
    await callPanel(bob.page).getByRole('status').filter({ hasText: 'Reconnecting...' }).waitFor();
    // The server gives up on bob after its grace period: amy sees bob leave ...
    await waitFor(async () => (await tile(amy.page, 'bob').count()) === 0, {
      timeout: 20_000,
      message: 'bob removed after the grace period',
    });
    // ... and once bob's network is back the call is rejoined without any click.
    await restore();
    await tile(amy.page, 'bob').waitFor();
    await waitForMediaFrom(amy.page, ['bob'], { audio: true });
    await waitForMediaFrom(bob.page, ['amy'], { audio: true });
  });

  it('removes someone who closes the tab from the others\u2019 grid within a few seconds', async () => {
    await joinCall(cy);
    await waitForMediaFrom(amy.page, ['bob', 'cyd']);
    await tile(amy.page, 'cyd').waitFor();
    const closedAt = Date.now();
    await cy.page.close();
    await waitFor(
      async () =>
        (await tile(amy.page, 'cyd').count()) === 0 && (await tile(bob.page, 'cyd').count()) === 0,
      {
        timeout: 10_000,
        interval: 50,
        message: 'cyd gone from the grid',
      },
    );
    const took = Date.now() - closedAt;
    expect(took).toBeLessThan(4000);
    // The two who stay still see each other.
    expect(await tile(amy.page, 'bob').count()).toBe(1);
  });
});
