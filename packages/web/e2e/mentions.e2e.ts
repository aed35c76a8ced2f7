import type { Room } from '@minimeet/contract';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCreateRoom, apiRegister } from './api';
import { launchBrowser, messagesWithText, openUser, screenshot, type UserPage } from './browser';
import { ServerHarness } from './harness';
import { waitFor } from './waitFor';

/**
 * Issue 10, mentions and unread: Alice mentions Bob with the autocomplete while Bob is on his room
 * list; Bob sees the unread badge (marked as a mention) and the count in the tab title; opening
 * the room shows the "New messages" divider and his name highlighted, and the badge goes.
 */
describe('mentions and unread counts in real Chromium', () => {
  const server = new ServerHarness();
  let browser: Browser;
  let alice: UserPage;
  let bob: UserPage;
  let room: Room;

  beforeAll(async () => {
    await server.start();
    browser = await launchBrowser();
    alice = await openUser(browser, server.url, 'alice');
    bob = await openUser(browser, server.url, 'bob');
    const { accessToken } = await apiRegister(alice.context.request, 'alice');
    await apiRegister(bob.context.request, 'bob');
    room = await apiCreateRoom(alice.context.request, accessToken, 'Planning');
    // Bob joins once through the link, reads, and goes back to his rooms.
    await bob.page.goto(`/join/${room.inviteToken}`);
    await bob.page.getByRole('heading', { name: 'Planning' }).waitFor();
    await alice.page.goto(`/rooms/${room.id}`);
    await alice.page.getByRole('heading', { name: 'Planning' }).waitFor();
    await bob.page.goto('/');
    await bob.page.getByRole('heading', { name: 'Your rooms' }).waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await server.dispose();
  });

  it('autocompletes a mention; the other user gets a badge and a title count', async () => {
    const box = alice.page.getByLabel('Message');
    await box.fill('Hi @bo');
    const options = alice.page.getByRole('listbox', { name: 'Mention someone' });
    await options.getByRole('option', { name: '@bob' }).waitFor();
    await box.press('Enter');
    expect(await box.inputValue()).toBe('Hi @bob ');
    await box.pressSequentially('can you review the plan?');
    await box.press('Enter');
    await messagesWithText(alice.page, 'Hi @bob can you review the plan?').waitFor();

    const badge = bob.page
      .getByRole('listitem')
      .filter({ hasText: 'Planning' })
      .getByTestId('unread-badge');
    await badge.waitFor();
    expect(await badge.getAttribute('aria-label')).toBe('1 unread, 1 mentioning you');
    await waitFor(async () => (await bob.page.title()).startsWith('(1) '), {
      message: 'unread count in the title',
    });
    await screenshot(bob.page, 'mention-badge');
  });

  it('opening the room shows the divider and the highlighted mention, and clears the badge', async () => {
    await bob.page
      .getByRole('link', { name: /Planning/ })
      .first()
      .click();
    await bob.page.getByRole('heading', { name: 'Planning' }).waitFor();
    await bob.page.getByText('New messages', { exact: true }).waitFor();
    const message = messagesWithText(bob.page, 'Hi @bob can you review the plan?');
    expect(await message.locator('mark.mention-self').textContent()).toBe('@bob');
    await screenshot(bob.page, 'mention-divider');
    await waitFor(async () => !(await bob.page.title()).startsWith('('), {
      message: 'title count cleared once read',
    });
    await bob.page.getByRole('link', { name: 'Rooms', exact: true }).click();
    await bob.page.getByRole('heading', { name: 'Your rooms' }).waitFor();
    expect(await bob.page.getByTestId('unread-badge').count()).toBe(0);
  });
});
