import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messagesWithText, screenshot, sendMessage } from '../browser';
import type { ServerHarness } from '../harness';
import { waitFor } from '../waitFor';
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

function stage(page: Page) {
  return callPanel(page).getByRole('region', { name: /^Stage/ });
}

/** Width of a participant's tile on the page (0 when it is not there). */
async function tileWidth(page: Page, name: string): Promise<number> {
  return (await tile(page, name).boundingBox())?.width ?? 0;
}

/** Moves focus off any control, so plain keys and Space reach the call's shortcuts. */
async function focusPage(page: Page): Promise<void> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
}

describe('the call stage, controls and shortcuts in real Chromium', () => {
  let server: ServerHarness;
  let browser: Browser;
  let alice: CallUser;
  let bob: CallUser;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchCallBrowser();
    const small = { video: { width: 320, height: 180, frameRate: 15 } };
    alice = await newCallUser(browser, server.url, 'alice', { settings: small });
    bob = await newCallUser(browser, server.url, 'bob', { settings: small });
    const roomId = await createRoom(alice, 'Stage check');
    await openRoom(alice, roomId);
    await openRoom(bob, roomId);
    await joinCall(alice);
    await joinCall(bob);
    await waitForMediaFrom(alice.page, ['bob']);
    await waitForMediaFrom(bob.page, ['alice']);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  it('takes the page: the grid fills the space with 16:9 tiles', async () => {
    expect(await stage(alice.page).count()).toBe(0);
    const box = await tile(alice.page, 'bob').boundingBox();
    expect(box?.width ?? 0).toBeGreaterThan(200);
    expect((box?.width ?? 0) / (box?.height ?? 1)).toBeCloseTo(16 / 9, 1);
    // The room's side column gives way to the call.
    expect(
      await alice.page.getByRole('list', { name: 'Participants', exact: true }).isVisible(),
    ).toBe(false);
    await screenshot(alice.page, 'call-stage-grid');
  });

  it('pinning a tile (from the keyboard) makes it the stage, the others in a strip', async () => {
    const { page } = alice;
    const pin = tile(page, 'bob').getByRole('button', { name: 'Pin bob' });
    await pin.focus();
    await page.keyboard.press('Enter');
    await stage(page).getByRole('group', { name: 'bob', exact: true }).waitFor();
    expect(await stage(page).getAttribute('aria-label')).toBe('Stage (pinned)');
    expect(
      await tile(page, 'bob')
        .getByRole('button', { name: 'Unpin bob' })
        .getAttribute('aria-pressed'),
    ).toBe('true');
    // The stage is large, our own tile small in the strip.
    await waitFor(
      async () => (await tileWidth(page, 'bob')) > 2 * (await tileWidth(page, 'alice')),
      {
        message: 'the pinned tile is larger than the strip',
      },
    );
    // Only for us: bob's page has no stage.
    expect(await stage(bob.page).count()).toBe(0);
    await screenshot(page, 'call-stage-pinned');

    await tile(page, 'bob').getByRole('button', { name: 'Unpin bob' }).click();
    await waitFor(async () => (await stage(page).count()) === 0, { message: 'stage gone' });
  });

  it('a screen share becomes the stage on the other page, unless they pinned something', async () => {
    await bob.page.getByRole('button', { name: 'Share screen' }).click();
    await bob.page.getByRole('button', { name: 'Stop sharing' }).waitFor();
    const shared = stage(alice.page).getByRole('group', { name: 'bob (screen)', exact: true });
    await shared.waitFor();
    expect(await stage(alice.page).getAttribute('aria-label')).toBe('Stage (shared screen)');
    // The sharer does not see their own screen on a stage.
    expect(await stage(bob.page).count()).toBe(0);
    await screenshot(alice.page, 'call-stage-screen');

    // A pin wins over the screen share; unpinning gives the stage back to the screen.
    await tile(alice.page, 'alice').getByRole('button', { name: 'Pin alice' }).click();
    await stage(alice.page).getByRole('group', { name: 'alice', exact: true }).waitFor();
    expect(await shared.count()).toBe(0);
    await tile(alice.page, 'alice').getByRole('button', { name: 'Unpin alice' }).click();
    await shared.waitFor();

    await bob.page.getByRole('button', { name: 'Stop sharing' }).click();
    await waitFor(async () => (await stage(alice.page).count()) === 0, {
      message: 'stage gone with the screen share',
    });
  });

  it('Ctrl+D and M mute and unmute, seen on the other page', async () => {
    const { page } = bob;
    const bobAtAlice = tile(alice.page, 'bob');
    await focusPage(page);
    await page.keyboard.press('Control+d');
    expect(await page.getByRole('button', { name: 'Unmute' }).getAttribute('aria-pressed')).toBe(
      'true',
    );
    await bobAtAlice.getByText('Muted').waitFor();

    await page.keyboard.press('m');
    expect(await page.getByRole('button', { name: 'Mute' }).getAttribute('aria-pressed')).toBe(
      'false',
    );
    await waitFor(async () => (await bobAtAlice.getByText('Muted').count()) === 0, {
      message: 'muted badge gone at alice',
    });
  });

  it('holding Space talks while muted', async () => {
    const { page } = bob;
    const bobAtAlice = tile(alice.page, 'bob');
    await page.getByRole('button', { name: 'Mute' }).click();
    await bobAtAlice.getByText('Muted').waitFor();
    await focusPage(page);
    await page.keyboard.down('Space');
    await waitFor(async () => (await bobAtAlice.getByText('Muted').count()) === 0, {
      message: 'bob heard while holding Space',
    });
    await page.keyboard.up('Space');
    await bobAtAlice.getByText('Muted').waitFor();
    await page.getByRole('button', { name: 'Unmute' }).click();
  });

  it('"?" lists the shortcuts in a dialog that Escape closes', async () => {
    const { page } = alice;
    await focusPage(page);
    await page.keyboard.press('?');
    const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await dialog.waitFor();
    expect(await dialog.innerText()).toContain('Hold Space');
    await screenshot(page, 'call-shortcuts-help');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    // The button opens it too.
    await page.getByRole('button', { name: 'Keyboard shortcuts' }).click();
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Close' }).click();
    await dialog.waitFor({ state: 'hidden' });
  });

  it('the chat panel closes and opens, with an unread dot for a message while closed', async () => {
    const { page } = alice;
    const toggle = page.getByRole('button', { name: /(Open|Close) chat/ });
    expect(await toggle.getAttribute('aria-label')).toBe('Close chat');
    await toggle.click();
    expect(await page.getByLabel('Message').isVisible()).toBe(false);
    await sendMessage(bob.page, 'Are you there?');
    await page.getByText('New messages').waitFor({ state: 'attached' });
    await screenshot(page, 'call-chat-closed-unread');
    await page.getByRole('button', { name: 'Open chat' }).click();
    await messagesWithText(page, 'Are you there?').waitFor();
    expect(await page.getByText('New messages').count()).toBe(0);
    // The call still takes the room's main column beside the chat.
    expect(await tileWidth(page, 'bob')).toBeGreaterThan(150);
  });

  it('hides and shows the self-view (mirrored)', async () => {
    const { page } = alice;
    expect(await tile(page, 'alice').locator('video').getAttribute('class')).toBe('mirror');
    await page.getByRole('button', { name: 'Hide self view' }).click();
    await waitFor(async () => (await tile(page, 'alice').count()) === 0, {
      message: 'self-view hidden',
    });
    await page.getByRole('button', { name: 'Show self view' }).click();
    await tile(page, 'alice').waitFor();
  });

  it('Ctrl+Shift+H leaves the call', async () => {
    await focusPage(bob.page);
    await bob.page.keyboard.press('Control+Shift+H');
    await bob.page.getByRole('button', { name: 'Join call' }).waitFor();
    await waitFor(async () => (await tile(alice.page, 'bob').count()) === 0, {
      message: 'bob gone at alice',
    });
  });
});
