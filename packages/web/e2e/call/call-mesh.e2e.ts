import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoHorizontalOverflow, screenshot } from '../browser';
import type { ServerHarness } from '../harness';
import {
  callPanel,
  createRoom,
  joinCall,
  launchCallBrowser,
  newCallUser,
  openRoom,
  startServer,
  tile,
  waitForMediaFrom,
  type CallUser,
} from './callKit';

/** Four pages on two cores: small video, as measured in shared/notes/webrtc-testing.md. */
const SMALL = { video: { width: 320, height: 240, frameRate: 15 } };
const NAMES = ['ann', 'ben', 'cat', 'dan'];

describe('a four-person mesh call', () => {
  let server: ServerHarness;
  let browser: Browser;
  let users: CallUser[] = [];
  let roomId = '';

  beforeAll(async () => {
    // A mesh-only server: the fifth person is refused instead of moving the call to the SFU.
    server = await startServer({ CALL_MEDIA: 'mesh' });
    browser = await launchCallBrowser();
    users = await Promise.all(
      NAMES.map((name) => newCallUser(browser, server.url, name, { settings: SMALL })),
    );
    roomId = await createRoom(users[0] as CallUser, 'All hands');
    for (const user of users) await openRoom(user, roomId);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  it('joins all four at the same moment without glare, and every pair decodes video', async () => {
    // Simultaneous joins: offers can cross; perfect negotiation must sort it out.
    await Promise.all(users.map((user) => joinCall(user)));
    await Promise.all(
      users.map((user) =>
        waitForMediaFrom(
          user.page,
          NAMES.filter((n) => n !== user.username),
          { audio: true, timeout: 60_000 },
        ),
      ),
    );
    for (const user of users) {
      for (const other of NAMES.filter((n) => n !== user.username))
        await tile(user.page, other).waitFor();
    }
    await screenshot(users[0]!.page, 'call-mesh-4');
  });

  it('says "The call is full" to a fifth person, who keeps the chat', async () => {
    const eve = await newCallUser(browser, server.url, 'eve', {
      settings: SMALL,
      viewport: { width: 360, height: 740 },
    });
    await openRoom(eve, roomId);
    await eve.page.getByRole('button', { name: 'Join call' }).click();
    // Without a media server the device check says how big a call can be.
    await callPanel(eve.page)
      .getByText('Calls on this server are limited to 4 people (no media server).')
      .waitFor();
    await eve.page.getByRole('button', { name: 'Join now' }).click();
    const alert = callPanel(eve.page).getByRole('alert').filter({ hasText: 'The call is full' });
    await alert.waitFor();
    expect(await eve.page.getByRole('button', { name: 'Leave call' }).count()).toBe(0);
    await expectNoHorizontalOverflow(eve.page, 'call-full message at 360 px');
    await screenshot(eve.page, 'call-full');
    await eve.context.close();
  });

  it('lays four tiles out as a 2x2 grid', async () => {
    const grid = callPanel(users[1]!.page).locator('.call-grid');
    expect(await grid.getAttribute('data-columns')).toBe('2');
  });
});
