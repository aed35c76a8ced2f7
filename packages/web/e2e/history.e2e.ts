import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCreateRoom, apiRegister } from './api';
import {
  expectCount,
  launchBrowser,
  messageLog,
  messagesWithText,
  openUser,
  screenshot,
  type UserPage,
} from './browser';
import { ServerHarness } from './harness';
import { registerScribes, seedMessages } from './seed';
import { waitFor } from './waitFor';

const TOTAL = 130;
const label = (i: number) => `History line ${String(i).padStart(3, '0')}`;

describe('long history', () => {
  const server = new ServerHarness();
  let browser: Browser;
  let dave: UserPage;
  let roomId = '';

  beforeAll(async () => {
    await server.start();
    browser = await launchBrowser();
    dave = await openUser(browser, server.url, 'dave', { width: 900, height: 700 });
    const auth = await apiRegister(dave.context.request, 'dave');
    const room = await apiCreateRoom(dave.context.request, auth.accessToken, 'Archive');
    roomId = room.id;
    // Sending is limited per user: other members post part of the history.
    const helpers = [
      auth.accessToken,
      ...(await registerScribes(server.url, Math.ceil(TOTAL / 25) - 1)),
    ];
    await seedMessages(
      server.url,
      helpers,
      room,
      Array.from({ length: TOTAL }, (_, i) => label(i + 1)),
    );
  });

  afterAll(async () => {
    await browser?.close();
    await server.dispose();
  });

  it('opens at the newest message and loads older pages on scroll up without jumping', async () => {
    const { page } = dave;
    await page.goto(`/rooms/${roomId}`);
    const newest = messagesWithText(page, label(TOTAL));
    await newest.waitFor();
    expect(await newest.isVisible()).toBe(true);
    const items = messageLog(page).locator('li[data-status]');
    const firstPage = await items.count();
    expect(firstPage).toBeLessThan(TOTAL);

    // Scroll to the top: the next page arrives above and the message in view stays put.
    const oldestText = (await items.first().locator('.msg-text').textContent()) ?? '';
    const oldest = messagesWithText(page, oldestText);
    const yAtTop = await messageLog(page).evaluate((el, text) => {
      el.scrollTo({ top: 0 });
      // Same task as the scroll: the older page cannot have arrived yet.
      const node = [...el.querySelectorAll('.msg-text')].find((n) => n.textContent === text);
      return node?.getBoundingClientRect().y ?? -1;
    }, oldestText);
    await waitFor(async () => (await items.count()) > firstPage, {
      message: 'older page did not load',
    });
    await page.getByText('Loading older messages…').waitFor({ state: 'hidden' });
    const after = await oldest.locator('.msg-text').boundingBox();
    expect(Math.abs((after?.y ?? 0) - yAtTop)).toBeLessThanOrEqual(2);
    await screenshot(page, 'desktop-history');

    // Keep scrolling up to the start: every message once, in order.
    await waitFor(
      async () => {
        await messageLog(page).evaluate((el) => el.scrollTo({ top: 0 }));
        return page.getByText('This is the start of the conversation.').isVisible();
      },
      { timeout: 20_000, interval: 300, message: 'did not reach the start of the history' },
    );
    await expectCount(items, TOTAL, 'messages after loading all history');
    const texts = await items.locator('.msg-text').allTextContents();
    expect(texts).toEqual(Array.from({ length: TOTAL }, (_, i) => label(i + 1)));
  });

  it('keeps the newest message in view when the call panel opens above the chat', async () => {
    const { page } = dave;
    await page.goto(`/rooms/${roomId}`);
    await messagesWithText(page, label(TOTAL)).waitFor();
    const atBottom = () =>
      messageLog(page).evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight < 40);
    expect(await atBottom()).toBe(true);
    const before = await messageLog(page).evaluate((el) => el.clientHeight);
    await page.getByRole('button', { name: 'Join call' }).click();
    // The device check takes room above the chat: the log gets shorter, and stays at the newest.
    await waitFor(
      async () => (await messageLog(page).evaluate((el) => el.clientHeight)) < before - 50,
      { message: 'the call panel did not take room above the chat' },
    );
    await waitFor(atBottom, { message: 'the chat is no longer at the newest message' });
    expect(await messagesWithText(page, label(TOTAL)).isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Cancel' }).click();
  });

  it('a search result deep in the history opens the room scrolled to that message', async () => {
    const { page } = dave;
    await page.goto('/search');
    await page.getByLabel('Search messages').fill('001');
    const result = page.getByRole('list', { name: 'Search results' }).getByRole('link').first();
    await result.waitFor();
    await result.click();
    const target = messagesWithText(page, label(1));
    await target.and(page.locator('.msg-highlight')).waitFor();
    const box = await target.boundingBox();
    const logBox = await messageLog(page).boundingBox();
    expect(box!.y).toBeGreaterThanOrEqual(logBox!.y);
    expect(box!.y + box!.height).toBeLessThanOrEqual(logBox!.y + logBox!.height);
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'desktop-room-dark');
  });
});
