import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inviteLinkOf, messagesWithText, participants, register, sendMessage } from './browser';
import {
  joinCall,
  launchCallBrowser,
  startServer,
  waitForMediaFrom,
  type CallUser,
} from './call/callKit';
import type { ServerHarness } from './harness';

/**
 * The whole app under the server's Content-Security-Policy: sign up, open a room, chat and join a
 * call (WebRTC, media streams, the realtime WebSocket) without a single CSP violation.
 */
describe('the web client under the Content-Security-Policy', () => {
  let server: ServerHarness;
  let browser: Browser;
  let alice: CallUser;
  let bob: CallUser;
  let roomPath = '';
  /** Every CSP report of every page: console messages and securitypolicyviolation events. */
  const violations: string[] = [];

  async function newUser(username: string): Promise<CallUser> {
    const context: BrowserContext = await browser.newContext({
      baseURL: server.url,
      viewport: { width: 1000, height: 760 },
    });
    context.setDefaultTimeout(20_000);
    await context.addInitScript(() => {
      window.localStorage.setItem('minimeet:call-settings', JSON.stringify({ testHooks: true }));
      document.addEventListener('securitypolicyviolation', (e) => {
        console.error(
          `securitypolicyviolation: ${e.violatedDirective} blocked ${e.blockedURI} (${e.sourceFile}:${e.lineNumber})`,
        );
      });
    });
    const page: Page = await context.newPage();
    page.on('console', (message) => {
      const text = message.text();
      if (/securitypolicyviolation|Content Security Policy|Content-Security-Policy/i.test(text))
        violations.push(`${username}: ${text}`);
    });
    page.on('pageerror', (error) => {
      if (/Content Security Policy/i.test(error.message))
        violations.push(`${username}: ${error.message}`);
    });
    return { username, context, page, token: '' };
  }

  beforeAll(async () => {
    server = await startServer();
    browser = await launchCallBrowser();
    alice = await newUser('alice');
    bob = await newUser('bob');
  });

  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  it('serves the page with the CSP and the other security headers', async () => {
    const response = await alice.page.goto('/');
    const headers = response?.headers() ?? {};
    const csp = headers['content-security-policy'] ?? '';
    // WebAssembly (the background effect's model) may compile; eval itself stays blocked.
    expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(csp).not.toMatch(/'unsafe-eval'/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['permissions-policy']).toContain('camera=(self)');
  });

  it('alice signs up and creates a room', async () => {
    const { page } = alice;
    await page.waitForURL(/\/signin/);
    await register(page, 'alice');
    await page.getByRole('heading', { name: 'Your rooms' }).waitFor();
    await page.getByRole('status').getByText('Connected').waitFor();
    await page.getByRole('button', { name: 'New room' }).click();
    await page.getByLabel('Room name').fill('Under the CSP');
    await page.getByRole('button', { name: 'Create', exact: true }).click();
    await page.waitForURL(/\/rooms\/[0-9a-f-]{36}$/);
    roomPath = new URL(page.url()).pathname;
    await participants(page).getByText('alice').waitFor();
  });

  it('bob signs up from the invite link and they chat', async () => {
    const { page } = bob;
    const invitePath = new URL(await inviteLinkOf(alice.page, roomPath)).pathname;
    await page.goto(invitePath);
    await page.waitForURL((url) => url.pathname === '/signin');
    await register(page, 'bob');
    await page.waitForURL((url) => url.pathname === roomPath);
    await participants(page).getByText('alice').waitFor();
    await participants(alice.page).getByText('bob').waitFor();

    await sendMessage(alice.page, 'Hello under a strict policy');
    await messagesWithText(bob.page, 'Hello under a strict policy').waitFor();
    await sendMessage(bob.page, 'Loud and clear');
    await messagesWithText(alice.page, 'Loud and clear').waitFor();
  });

  it('both join the call and receive each other’s video and audio', async () => {
    await joinCall(alice);
    await joinCall(bob);
    const atAlice = await waitForMediaFrom(alice.page, ['bob'], { audio: true });
    const atBob = await waitForMediaFrom(bob.page, ['alice'], { audio: true });
    expect(atAlice[0]?.cameraFramesDecoded).toBeGreaterThan(0);
    expect(atBob[0]?.cameraFramesDecoded).toBeGreaterThan(0);
  });

  it('bob blurs his background: the model and its WebAssembly load from our origin', async () => {
    await bob.page.getByRole('button', { name: 'Devices' }).click();
    await bob.page
      .getByRole('region', { name: 'Call devices' })
      .getByLabel('Background')
      .selectOption('blur');
    await expect
      .poll(() => bob.page.evaluate(() => window.__minimeetCall?.localTracks().processed), {
        timeout: 30_000,
      })
      .toBe(true);
    await bob.page.keyboard.press('Escape');
  });

  it('reported no CSP violation on any page', () => {
    expect(violations).toEqual([]);
  });

  it('does enforce the policy: an injected inline script is blocked and reported', async () => {
    const ran = await alice.page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.__inlineRan = true;';
      document.body.append(script);
      return (window as unknown as { __inlineRan?: boolean }).__inlineRan === true;
    });
    expect(ran).toBe(false);
    await expect.poll(() => violations.length).toBeGreaterThan(0);
    expect(violations.join('\n')).toMatch(/script-src/);
  });
});
