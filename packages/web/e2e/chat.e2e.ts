import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  launchBrowser,
  messageLog,
  messagesWithText,
  openUser,
  participants,
  register,
  screenshot,
  sendMessage,
  type UserPage,
} from './browser';
import { ServerHarness } from './harness';

describe('two people chatting in real Chromium', () => {
  const server = new ServerHarness();
  let browser: Browser;
  let alice: UserPage;
  let bob: UserPage;
  let roomPath = '';
  let invitePath = '';

  beforeAll(async () => {
    await server.start();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server.dispose();
  });

  it('alice registers, creates a room and copies its invite link', async () => {
    alice = await openUser(browser, server.url, 'alice');
    const { page } = alice;
    await page.goto('/');
    await page.waitForURL(/\/signin/);
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await screenshot(page, 'desktop-sign-in');

    await register(page, 'alice');
    await page.getByRole('heading', { name: 'Your rooms' }).waitFor();
    await page.getByRole('status').getByText('Connected').waitFor();
    await page.getByRole('button', { name: 'New room' }).click();
    await page.getByLabel('Room name').fill('Team sync');
    await page.getByRole('button', { name: 'Create', exact: true }).click();
    await page.waitForURL(/\/rooms\/[0-9a-f-]{36}$/);
    roomPath = new URL(page.url()).pathname;
    await page.getByRole('heading', { name: 'Team sync' }).waitFor();
    await participants(page).getByText('alice').waitFor();

    await page.getByRole('button', { name: 'Copy invite link' }).click();
    await page.getByText('Link copied').waitFor();
    const link = await page.evaluate(() => navigator.clipboard.readText());
    expect(link).toMatch(new RegExp(`^${server.url}/join/[A-Za-z0-9_-]{24}$`));
    invitePath = new URL(link).pathname;
  });

  it('bob opens the invite link signed out, registers and lands in the room', async () => {
    bob = await openUser(browser, server.url, 'bob');
    const { page } = bob;
    await page.goto(invitePath);
    await page.waitForURL(
      (url) => url.pathname === '/signin' && url.searchParams.get('next') === invitePath,
    );
    await register(page, 'bob');
    await page.waitForURL((url) => url.pathname === roomPath);
    await page.getByRole('heading', { name: 'Team sync' }).waitFor();

    await participants(page).getByText('alice').waitFor();
    await participants(page).getByText('bob').waitFor();
    await participants(alice.page).getByText('bob').waitFor();
  });

  it('both chat live, see each other typing, and tell own messages apart', async () => {
    await alice.page.getByLabel('Message').fill('Hello Bob, the pineapple pizza is ready');
    await bob.page.getByText('alice is typing…').waitFor();
    await alice.page.getByLabel('Message').press('Enter');

    const atBob = messagesWithText(bob.page, 'Hello Bob, the pineapple pizza is ready');
    await atBob.waitFor();
    expect(await atBob.getAttribute('data-own')).toBe('false');
    expect(await atBob.getAttribute('data-status')).toBe('sent');
    await bob.page.getByText('alice is typing…').waitFor({ state: 'hidden' });
    const atAlice = messagesWithText(alice.page, 'Hello Bob, the pineapple pizza is ready');
    await atAlice.and(alice.page.locator('[data-status="sent"]')).waitFor();
    expect(await atAlice.getAttribute('data-own')).toBe('true');

    await bob.page.getByLabel('Message').fill('Great, on my way!');
    await alice.page.getByText('bob is typing…').waitFor();
    await bob.page.getByRole('button', { name: 'Send' }).click();
    await messagesWithText(alice.page, 'Great, on my way!').waitFor();
    await messageLog(alice.page).getByText('bob', { exact: true }).first().waitFor();

    await screenshot(alice.page, 'desktop-room');
    await screenshot(bob.page, 'desktop-room-other-user');
  });

  it('a reload keeps the session and the history', async () => {
    await bob.page.reload();
    await bob.page.getByRole('heading', { name: 'Team sync' }).waitFor();
    await messagesWithText(bob.page, 'Hello Bob, the pineapple pizza is ready').waitFor();
    await messagesWithText(bob.page, 'Great, on my way!').waitFor();
    await participants(bob.page).getByText('alice').waitFor();
    await bob.page.getByRole('status').getByText('Connected').waitFor();
    // Still live after the reload.
    await sendMessage(alice.page, 'Still there after your reload?');
    await messagesWithText(bob.page, 'Still there after your reload?').waitFor();
  });

  it('search finds a message, highlights the term and opens the room at it', async () => {
    const { page } = alice;
    await page.getByRole('link', { name: 'Search', exact: true }).click();
    await page.getByLabel('Search messages').fill('pineapple');
    const result = page.getByRole('list', { name: 'Search results' }).getByRole('link').first();
    await result.waitFor();
    expect((await result.locator('mark').first().textContent())?.toLowerCase()).toBe('pineapple');
    expect(await result.textContent()).toContain('Team sync');
    await screenshot(page, 'desktop-search');

    await result.click();
    await page.waitForURL((url) => url.pathname === roomPath && url.searchParams.has('message'));
    const target = messagesWithText(page, 'Hello Bob, the pineapple pizza is ready');
    await target.and(page.locator('.msg-highlight')).waitFor();
  });

  it('the rooms list shows the room with its activity; signing out and in again works', async () => {
    const { page } = bob;
    await page.getByRole('link', { name: 'Rooms', exact: true }).click();
    const row = page.getByRole('link', { name: /Team sync/ });
    await row.waitFor();
    expect(await row.textContent()).toMatch(/online/);
    await screenshot(page, 'desktop-rooms');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/signin/);
    await page.goto('/');
    await page.waitForURL(/\/signin/);
    await page.getByLabel('Username').fill('bob@example.test');
    await page.getByLabel('Password').fill('wrong password!');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').getByText('Wrong username, email or password.').waitFor();
    await page.getByLabel('Password').fill('correct-horse-battery');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Your rooms' }).waitFor();
  });

  it('a wrong room link shows a readable error, not a crash', async () => {
    const { page } = bob;
    await page.goto('/rooms/00000000-0000-4000-8000-000000000000');
    await page
      .getByRole('alert')
      .getByText('This room does not exist. Check the invite link.')
      .waitFor();
    await page.goto('/rooms/not-a-room');
    await page.getByRole('heading', { name: 'Cannot open this room' }).waitFor();
    expect(await page.getByRole('alert').textContent()).not.toMatch(/exception|error:|stack/i);
  });
});
