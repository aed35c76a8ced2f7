/**
 * Issue 13's small faults, as a first-time visitor sees them: the app opens on the sign-in page
 * with the username field focused, and the browser console stays clean (asking whether there is a
 * session is not an error when there is none).
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './browser';
import { ServerHarness } from './harness';

describe('a first visit, signed out', () => {
  const server = new ServerHarness();
  let browser: Browser;

  beforeAll(async () => {
    await server.start();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server.dispose();
  });

  it('lands on sign-in with the username focused and nothing in the console', async () => {
    const context = await browser.newContext({ baseURL: server.url });
    const page = await context.newPage();
    const console: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') console.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => console.push(`pageerror: ${e.message}`));
    await page.goto('/');
    await page.waitForURL('**/signin**');
    const login = page.getByLabel('Username');
    await login.waitFor();
    expect(await login.evaluate((el) => el === document.activeElement)).toBe(true);
    // Typing goes straight into the field.
    await page.keyboard.type('ada');
    expect(await login.inputValue()).toBe('ada');
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    expect(console).toEqual([]);
    await context.close();
  });
});
