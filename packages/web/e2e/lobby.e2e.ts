import type { Room } from '@minimeet/contract';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { apiCreateRoom, apiRegister, apiUpdateRoom } from './api';
import { launchBrowser, openUser, participants, screenshot, type UserPage } from './browser';
import { ServerHarness } from './harness';

/** Issue 9: the lobby (waiting to be let in, admitted or denied, live) and the room settings. */
describe('lobby and room settings in real Chromium', () => {
  const server = new ServerHarness();
  let browser: Browser;
  let alice: UserPage;
  let bob: UserPage;
  let carol: UserPage;
  let room: Room;

  beforeAll(async () => {
    await server.start();
    browser = await launchBrowser();
    alice = await openUser(browser, server.url, 'alice');
    bob = await openUser(browser, server.url, 'bob');
    carol = await openUser(browser, server.url, 'carol');
    const { accessToken: token } = await apiRegister(alice.context.request, 'alice');
    for (const u of [bob, carol]) await apiRegister(u.context.request, u.username);
    room = await apiCreateRoom(alice.context.request, token, 'Board meeting');
    await apiUpdateRoom(alice.context.request, token, room.id, { accessMode: 'lobby' });
    await alice.page.goto(`/rooms/${room.id}`);
    await alice.page.getByRole('heading', { name: 'Board meeting' }).waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await server.dispose();
  });

  it('someone with the link waits in the lobby and is admitted by a moderator', async () => {
    const { page } = bob;
    await page.goto(`/join/${room.inviteToken}`);
    await page.getByRole('heading', { name: 'Board meeting' }).waitFor();
    await page.getByRole('button', { name: 'Ask to join' }).click();
    await page.getByRole('heading', { name: 'Waiting to be let in' }).waitFor();
    await screenshot(page, 'lobby-waiting');

    const waiting = alice.page.getByRole('region', { name: 'Waiting to join' });
    await waiting.getByText('bob').waitFor();
    await screenshot(alice.page, 'lobby-moderator');
    await waiting.getByRole('button', { name: 'Admit bob' }).click();

    await page.waitForURL((url) => url.pathname === `/rooms/${room.id}`);
    await participants(page).getByText('alice').waitFor();
    await participants(alice.page).getByText('bob').waitFor();
    await waiting.waitFor({ state: 'hidden' });
  });

  it('someone denied is told so and stays out', async () => {
    const { page } = carol;
    await page.goto(`/join/${room.inviteToken}`);
    await page.getByRole('button', { name: 'Ask to join' }).click();
    await page.getByRole('heading', { name: 'Waiting to be let in' }).waitFor();
    const waiting = alice.page.getByRole('region', { name: 'Waiting to join' });
    await waiting.getByRole('button', { name: 'Deny carol' }).click();
    await page.getByRole('heading', { name: 'You were not let in' }).waitFor();
    await page.goto(`/rooms/${room.id}`);
    await page.getByRole('heading', { name: 'Cannot open this room' }).waitFor();
  });

  it('the owner renames the room in its settings; members see the new name live', async () => {
    const { page } = alice;
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('heading', { name: 'Room settings' }).waitFor();
    await page.getByLabel('Room name').fill('Board meeting (Q3)');
    await page.getByLabel('Description').fill('Quarterly numbers');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Saved').waitFor();
    await screenshot(page, 'room-settings');

    await bob.page.getByRole('heading', { name: 'Board meeting (Q3)' }).waitFor();
    await page.getByRole('link', { name: 'Back to the room' }).click();
    await page.getByRole('heading', { name: 'Board meeting (Q3)' }).waitFor();
  });
});
