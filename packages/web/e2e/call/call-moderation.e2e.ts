/**
 * Issue 9: moderation in real Chromium. A moderator deletes a message (the others see the
 * placeholder), mutes a participant and stops their camera with a block (a third person's tile of
 * them shows it; their own toggles show it), ends the call for everyone, and removes and bans
 * someone who then cannot come back.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messagesWithText, sendMessage } from '../browser';
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
  type CallUser,
} from './callKit';

const DELETED = 'Message deleted by a moderator';

/** Opens the moderator menu on someone and picks an action. */
async function moderate(page: Page, name: string, action: string): Promise<void> {
  await callPanel(page)
    .getByRole('button', { name: `Moderate ${name}`, exact: true })
    .click();
  await callPanel(page).getByRole('button', { name: action, exact: true }).click();
}

describe('moderation in real Chromium', () => {
  let server: ServerHarness;
  let browser: Browser;
  let host: CallUser;
  let bea: CallUser;
  let cal: CallUser;
  let dan: CallUser;
  let roomId: string;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchCallBrowser();
    host = await newCallUser(browser, server.url, 'host');
    bea = await newCallUser(browser, server.url, 'bea');
    cal = await newCallUser(browser, server.url, 'cal');
    dan = await newCallUser(browser, server.url, 'dan');
    roomId = await createRoom(host, 'Town hall');
    for (const user of [host, bea, cal, dan]) await openRoom(user, roomId);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  it('lets a moderator delete a message; the others see the placeholder', async () => {
    await sendMessage(bea.page, 'something regrettable');
    const onHost = messagesWithText(host.page, 'something regrettable');
    await onHost.waitFor();
    // Members have no delete button; the owner does, with a confirmation.
    await messagesWithText(cal.page, 'something regrettable').waitFor();
    expect(await cal.page.getByRole('button', { name: 'Delete message' }).count()).toBe(0);
    await onHost.getByRole('button', { name: 'Delete message' }).click();
    await onHost.getByRole('button', { name: 'Confirm delete' }).click();
    for (const user of [cal, bea, host]) await messagesWithText(user.page, DELETED).waitFor();
    expect(await messagesWithText(cal.page, 'something regrettable').count()).toBe(0);
    // Reloading shows the placeholder from history too.
    await cal.page.reload();
    await messagesWithText(cal.page, DELETED).waitFor();
    await cal.page.getByRole('button', { name: 'Join call' }).waitFor();
  });

  it("mutes a participant: a third person's tile shows it, and so does their own toggle", async () => {
    for (const user of [host, bea, cal]) await joinCall(user);
    await tile(cal.page, 'bea').waitFor();
    await tile(host.page, 'bea').waitFor();
    // A member has no moderator menu.
    expect(await callPanel(cal.page).getByRole('button', { name: 'Moderate bea' }).count()).toBe(0);

    await moderate(host.page, 'bea', 'Mute bea');
    await tile(cal.page, 'bea').getByText('Muted', { exact: true }).waitFor();
    const unmute = callPanel(bea.page).getByRole('button', { name: 'Unmute' });
    await unmute.waitFor();
    expect(await unmute.getAttribute('aria-pressed')).toBe('true');
    expect(await unmute.isDisabled()).toBe(false);
    await callPanel(bea.page).getByText('A moderator muted you.').waitFor();

    // With a block, the camera goes off and its toggle stays disabled until unblocked.
    await moderate(host.page, 'bea', 'Stop camera of bea and block');
    await tile(cal.page, 'bea').getByText('Camera off', { exact: true }).waitFor();
    const cameraOn = callPanel(bea.page).getByRole('button', { name: 'Turn camera on' });
    await cameraOn.waitFor();
    expect(await cameraOn.isDisabled()).toBe(true);
    await callPanel(bea.page).getByText('A moderator blocked your camera').first().waitFor();
    await moderate(host.page, 'bea', 'Allow camera for bea');
    await callPanel(bea.page).getByText('A moderator allowed your camera again.').waitFor();
    expect(await cameraOn.isDisabled()).toBe(false);
  });

  it('ends the call for everyone', async () => {
    await callPanel(host.page).getByRole('button', { name: 'End call for everyone' }).click();
    for (const user of [bea, cal]) {
      await callPanel(user.page).getByText('A moderator ended the call.').waitFor();
      await user.page.getByRole('button', { name: 'Join call' }).waitFor();
    }
    await host.page.getByRole('button', { name: 'Join call' }).waitFor();
  });

  it('removes and bans someone, who then cannot come back', async () => {
    for (const user of [host, dan]) await joinCall(user);
    await tile(host.page, 'dan').waitFor();
    await moderate(host.page, 'dan', 'Remove and ban dan');
    await dan.page.getByText('You were removed from this room and cannot come back.').waitFor();
    await expect.poll(() => new URL(dan.page.url()).pathname).toBe('/');
    await tile(host.page, 'dan').waitFor({ state: 'detached' });
    // Not with the room's address, nor with the invite link.
    await dan.page.goto(`/rooms/${roomId}`);
    await dan.page.getByText('Cannot open this room').waitFor();
    expect(await dan.page.getByRole('button', { name: 'Join call' }).count()).toBe(0);

    // The owner sees the ban and every action in the room's settings.
    await host.page.goto(`/rooms/${roomId}/settings`);
    await host.page.getByRole('button', { name: 'Unban dan' }).waitFor();
    const log = host.page.getByRole('list', { name: 'Moderation log entries' });
    await log.getByText('removed and banned dan').waitFor();
    await log.getByText('ended the call for everyone').waitFor();
    await log.getByText('deleted a message by bea').waitFor();
  });
});
