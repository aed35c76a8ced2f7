import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messagesWithText, readmeScreenshot, sendMessage } from './browser';
import {
  createRoom,
  joinCall,
  launchCallBrowser,
  newCallPage,
  newCallUser,
  openRoom,
  startServer,
  tile,
  type CallUser,
} from './call/callKit';
import type { ServerHarness } from './harness';

/**
 * Issue 13, accessibility: axe-core (WCAG 2.x A and AA rules) on every page people use, in light
 * and dark themes: no serious or critical violation. Also: who joins or leaves is announced to
 * screen readers, and the call controls work from the keyboard.
 */
async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(' '))
          .join(', ')}`,
    );
}

/** Waits until the screen-reader announcer says `text`. */
function announced(page: Page, text: string): Promise<void> {
  return page
    .getByTestId('presence-announcer')
    .getByText(text, { exact: false })
    .waitFor({ state: 'attached' });
}

describe('accessibility in real Chromium (axe-core)', () => {
  let server: ServerHarness;
  let browser: Browser;
  let alice: CallUser;
  let bob: CallUser;
  let roomId = '';

  beforeAll(async () => {
    server = await startServer();
    browser = await launchCallBrowser();
    alice = await newCallUser(browser, server.url, 'alice');
    bob = await newCallUser(browser, server.url, 'bob');
    roomId = await createRoom(alice, 'Accessible room');
    await openRoom(alice, roomId);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  for (const scheme of ['light', 'dark'] as const) {
    it(`sign-in page (${scheme})`, async () => {
      const { page } = await newCallPage(browser, server.url, 'visitor');
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto('/signin');
      await page.getByRole('heading', { name: 'Sign in' }).waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      if (scheme === 'light') await readmeScreenshot(page, 'sign-in');
      await page.close();
    });
  }

  it('room list', async () => {
    await bob.page.goto('/');
    await bob.page.getByRole('heading', { name: 'Your rooms' }).waitFor();
    expect(await seriousViolations(bob.page)).toEqual([]);
  });

  it('room with chat, and joins announced to screen readers', async () => {
    await openRoom(bob, roomId);
    await announced(alice.page, 'bob joined the room');
    await sendMessage(alice.page, 'Welcome to the accessible room');
    await sendMessage(bob.page, 'Thanks, glad to be here');
    await messagesWithText(alice.page, 'Thanks, glad to be here').waitFor();
    for (const scheme of ['light', 'dark'] as const) {
      await alice.page.emulateMedia({ colorScheme: scheme });
      expect(await seriousViolations(alice.page), scheme).toEqual([]);
    }
    await alice.page.emulateMedia({ colorScheme: 'light' });
    await readmeScreenshot(alice.page, 'room-chat');
  });

  it('in a call, with the controls used from the keyboard', async () => {
    await joinCall(alice);
    // Bob joins from the keyboard only: Tab to "Join call", Enter, then "Join now".
    await bob.page.getByRole('button', { name: 'Join call' }).focus();
    await bob.page.keyboard.press('Enter');
    await bob.page.getByRole('button', { name: 'Join now' }).focus();
    await bob.page.keyboard.press('Enter');
    await bob.page.getByRole('button', { name: 'Leave call' }).waitFor();
    await announced(alice.page, 'bob joined the call');
    await tile(alice.page, 'bob').waitFor();
    const mute = bob.page.getByRole('button', { name: 'Mute' });
    await mute.focus();
    await bob.page.keyboard.press('Enter');
    await bob.page.getByRole('button', { name: 'Unmute' }).waitFor();
    // A visible focus ring on the focused control.
    const outline = await bob.page
      .getByRole('button', { name: 'Unmute' })
      .evaluate((el) => getComputedStyle(el).outlineStyle);
    expect(outline).not.toBe('none');
    await bob.page.keyboard.press('Enter');
    await bob.page.getByRole('button', { name: 'Mute' }).waitFor();
    expect(await seriousViolations(alice.page)).toEqual([]);
    await readmeScreenshot(alice.page, 'call');
  });

  it('search', async () => {
    await alice.page.goto('/search');
    await alice.page.getByLabel('Search messages').fill('accessible');
    await alice.page.getByLabel('Search messages').press('Enter');
    await alice.page
      .getByRole('list', { name: 'Search results' })
      .getByRole('link')
      .first()
      .waitFor();
    expect(await seriousViolations(alice.page)).toEqual([]);
  });
});
