import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import {
  expectNoHorizontalOverflow,
  launchBrowser,
  messagesWithText,
  openUser,
  participants,
  register,
  screenshot,
  sendMessage,
  type UserPage,
} from './browser';
import { ServerHarness } from './harness';

describe('a phone-sized screen (360 px wide)', () => {
  const server = new ServerHarness();
  let browser: Browser;
  let user: UserPage;

  beforeAll(async () => {
    await server.start();
    browser = await launchBrowser();
    user = await openUser(browser, server.url, 'carol', { width: 360, height: 740 });
  });

  afterAll(async () => {
    await browser?.close();
    await server.dispose();
  });

  it('sign-in, rooms list, room and search fit without horizontal overflow', async () => {
    const { page } = user;
    await page.goto('/');
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await expectNoHorizontalOverflow(page, 'sign-in page');
    await screenshot(page, 'mobile-sign-in');

    await register(page, 'carol_with_a_rather_long_name');
    await page.getByRole('heading', { name: 'Your rooms' }).waitFor();
    await page.getByRole('button', { name: 'New room' }).click();
    await page
      .getByLabel('Room name')
      .fill('A room with a deliberately long name to test wrapping on phones');
    await page.getByRole('button', { name: 'Create', exact: true }).click();
    await page.waitForURL(/\/rooms\//);
    await participants(page).getByText('carol_with_a_rather_long_name').waitFor();
    const long = `Unbroken:${'x'.repeat(300)}`;
    await sendMessage(page, long);
    await sendMessage(page, 'A normal message\nwith a second line');
    await messagesWithText(page, long).and(page.locator('[data-status="sent"]')).waitFor();
    await expectNoHorizontalOverflow(page, 'room page');
    await screenshot(page, 'mobile-room');

    await page.getByRole('link', { name: 'Rooms', exact: true }).click();
    await page.getByRole('link', { name: /deliberately long name/ }).waitFor();
    await expectNoHorizontalOverflow(page, 'rooms list');
    await screenshot(page, 'mobile-rooms');

    await page.getByRole('link', { name: 'Search', exact: true }).click();
    await page.getByLabel('Search messages').fill('normal');
    await page.getByRole('list', { name: 'Search results' }).getByRole('link').first().waitFor();
    await expectNoHorizontalOverflow(page, 'search page');
    await screenshot(page, 'mobile-search');
  });
});
