import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type Locator,
  type Page,
} from 'playwright-core';
import { waitFor } from './waitFor';

/** Flags from ../shared/notes/webrtc-testing.md (the call tests need the media ones). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
  '--allow-loopback-in-peer-connection',
  '--disable-features=WebRtcHideLocalIpsWithMdns',
];

export const artifactsDir = resolve(
  fileURLToPath(new URL('.', import.meta.url)),
  '../test-artifacts',
);

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
    headless: true,
  });
}

export interface UserPage {
  context: BrowserContext;
  page: Page;
  username: string;
}

/** A fresh browser profile (its own cookies and storage) on the app. */
export async function openUser(
  browser: Browser,
  baseURL: string,
  username: string,
  viewport = { width: 1200, height: 800 },
): Promise<UserPage> {
  const context = await browser.newContext({ baseURL, viewport });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  return { context, page, username };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(artifactsDir, { recursive: true });
  await page.screenshot({ path: join(artifactsDir, `${name}.png`), fullPage: false });
}

/** The README's screenshots (docs/screenshots/), refreshed by every browser test run. */
export async function readmeScreenshot(page: Page, name: string): Promise<void> {
  const dir = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../../docs/screenshots');
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: false });
}

/** Registers through the UI from the current page (sign-in or register). */
export async function register(page: Page, username: string): Promise<void> {
  if (!(await page.getByRole('button', { name: 'Create account' }).isVisible())) {
    await page.getByRole('link', { name: 'Create an account' }).click();
  }
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Email').fill(`${username}@example.test`);
  await page.getByLabel('Password').fill('correct-horse-battery');
  await page.getByRole('button', { name: 'Create account' }).click();
}

export function messageLog(page: Page): Locator {
  return page.getByRole('log');
}

/** Messages in the log with exactly this text (sent, pending or failed). */
export function messagesWithText(page: Page, text: string): Locator {
  return messageLog(page)
    .locator('li[data-status]')
    .filter({
      has: page.locator('.msg-text', { hasText: new RegExp(`^${escapeRegExp(text)}$`) }),
    });
}

export async function sendMessage(page: Page, text: string): Promise<void> {
  await page.getByLabel('Message').fill(text);
  await page.getByLabel('Message').press('Enter');
}

export function participants(page: Page): Locator {
  return page.getByRole('list', { name: 'Participants' });
}

/** Asserts the page is no wider than its viewport. */
export async function expectNoHorizontalOverflow(page: Page, what: string): Promise<void> {
  const sizes = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  if (sizes.scrollWidth > sizes.clientWidth) {
    throw new Error(
      `${what}: horizontal overflow (${sizes.scrollWidth}px content in ${sizes.clientWidth}px)`,
    );
  }
}

export async function expectCount(
  locator: Locator,
  count: number,
  message: string,
  timeout = 15_000,
) {
  await waitFor(async () => (await locator.count()) === count, {
    timeout,
    message: () => `${message}: expected ${count}`,
  });
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The room's invite link, read from its settings page (the page then goes back to the room). */
export async function inviteLinkOf(page: Page, roomPath: string): Promise<string> {
  await page.goto(`${roomPath}/settings`);
  const link = await page.getByRole('textbox', { name: 'Invite link' }).inputValue();
  await page.goto(roomPath);
  return link;
}
