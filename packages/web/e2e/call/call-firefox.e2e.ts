import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser as FirefoxBrowser, Page as FirefoxPage } from 'puppeteer-core';
import puppeteer from 'puppeteer-core';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCreateRoom } from '../api';
import { messagesWithText, sendMessage } from '../browser';
import type { ServerHarness } from '../harness';
import { waitFor } from '../waitFor';
import type { PeerInbound } from '../../src/call/callSession';
import {
  callMedia,
  joinCall,
  launchCallBrowser,
  newCallUser,
  startServer,
  startSfuServer,
  waitForMediaFrom,
  type CallUser,
} from './callKit';

/**
 * Issue 13, a second browser: a Firefox ESR page (Debian's firefox-esr, driven by puppeteer-core
 * over WebDriver BiDi) and a Chromium page chat and call each other, video and audio both ways,
 * in a mesh call and through the SFU.
 *
 * Firefox gathers no ICE candidate on loopback addresses (shared/notes/webrtc-testing.md): inside
 * the test's own network namespace it gets a veth pair with addresses of its own and a default
 * route onto it (nothing leaves the namespace), removed again at the end.
 */
const FOX_NET = { dev: 'mmx0', peer: 'mmx1', a: '10.213.0.1/24', b: '10.213.0.2/24' };
const SMALL = { video: { width: 320, height: 240, frameRate: 15 } };

function ip(...args: string[]): void {
  execFileSync('ip', args, { stdio: 'pipe' });
}

function addFirefoxNetwork(): void {
  try {
    ip('link', 'show', FOX_NET.dev);
    return;
  } catch {
    // Missing: create it below.
  }
  ip('link', 'add', FOX_NET.dev, 'type', 'veth', 'peer', 'name', FOX_NET.peer);
  ip('addr', 'add', FOX_NET.a, 'dev', FOX_NET.dev);
  ip('addr', 'add', FOX_NET.b, 'dev', FOX_NET.peer);
  ip('link', 'set', FOX_NET.dev, 'up');
  ip('link', 'set', FOX_NET.peer, 'up');
  ip('route', 'add', 'default', 'dev', FOX_NET.dev);
}

function removeFirefoxNetwork(): void {
  try {
    ip('link', 'del', FOX_NET.dev); // takes its peer and the route with it
  } catch {
    // Already gone.
  }
}

async function launchFirefox(home: string): Promise<FirefoxBrowser> {
  return puppeteer.launch({
    browser: 'firefox',
    executablePath: process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr',
    headless: true,
    env: { ...process.env, HOME: home },
    extraPrefsFirefox: {
      'media.navigator.streams.fake': true,
      'media.navigator.permission.disabled': true,
      'media.autoplay.default': 0,
      'media.autoplay.blocking_policy': 0,
    },
  });
}

/** A Firefox user signed up on the app (cookies in its profile) with the call test hooks on. */
async function foxUser(firefox: FirefoxBrowser, baseURL: string): Promise<FirefoxPage> {
  const page = await firefox.newPage();
  page.setDefaultTimeout(30_000);
  await page.goto(`${baseURL}/signin`);
  const status = await page.evaluate(
    async (settings) => {
      window.localStorage.setItem('minimeet:call-settings', settings);
      const res = await fetch('/api/auth/register', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          username: 'fox',
          email: 'fox@example.test',
          password: 'correct-horse-battery',
        }),
      });
      return res.status;
    },
    JSON.stringify({ testHooks: true, ...SMALL }),
  );
  expect(status).toBe(201);
  return page;
}

const foxInbound = (page: FirefoxPage): Promise<PeerInbound[]> =>
  page.evaluate(() => window.__minimeetCall?.inbound() ?? Promise.resolve([]));

/** Waits until the Firefox page decodes video and receives audio from `from`. */
async function foxReceives(page: FirefoxPage, from: string): Promise<PeerInbound> {
  let last: PeerInbound[] = [];
  return waitFor(
    async () => {
      last = await foxInbound(page);
      const peer = last.find((p) => p.username === from);
      return peer && peer.cameraFramesDecoded > 0 && peer.audioSamplesReceived > 0 ? peer : null;
    },
    { timeout: 40_000, interval: 300, message: () => `firefox media: ${JSON.stringify(last)}` },
  );
}

async function foxJoinCall(page: FirefoxPage): Promise<void> {
  await page.locator('::-p-aria(Join call[role="button"])').click();
  await page.locator('::-p-aria(Join now[role="button"])').click();
  await page.waitForSelector('::-p-aria(Leave call[role="button"])');
}

for (const mode of ['mesh', 'sfu'] as const) {
  describe(`Firefox and Chromium in a ${mode} call`, () => {
    let server: ServerHarness;
    let chromium: Browser;
    let firefox: FirefoxBrowser;
    let home: string;
    let ann: CallUser;
    let fox: FirefoxPage;

    beforeAll(async () => {
      addFirefoxNetwork();
      home = mkdtempSync(join(tmpdir(), 'minimeet-firefox-'));
      // Janus gathers on the veth Firefox can reach (it drops loopback candidates).
      server =
        mode === 'sfu'
          ? await startSfuServer({ CALL_MEDIA: 'sfu', JANUS_ICE_INTERFACE: FOX_NET.dev })
          : await startServer();
      chromium = await launchCallBrowser();
      firefox = await launchFirefox(home);
      ann = await newCallUser(chromium, server.url, 'ann', { settings: SMALL });
      const room = await apiCreateRoom(ann.context.request, ann.token, `Two browsers (${mode})`);
      await ann.page.goto(`/rooms/${room.id}`);
      await ann.page.getByRole('button', { name: 'Join call' }).waitFor();
      fox = await foxUser(firefox, server.url);
      await fox.goto(`${server.url}/join/${room.inviteToken}`);
      await fox.waitForSelector('::-p-aria(Join call[role="button"])');
    });

    afterAll(async () => {
      await firefox?.close();
      await chromium?.close();
      await server?.dispose();
      if (home) rmSync(home, { recursive: true, force: true });
      removeFirefoxNetwork();
    });

    it('chat both ways', async () => {
      await sendMessage(ann.page, `Hello Firefox (${mode})`);
      await fox.waitForFunction(
        (text) => document.querySelector('[role="log"]')?.textContent?.includes(text) ?? false,
        {},
        `Hello Firefox (${mode})`,
      );
      await fox.locator('form.composer textarea').fill(`Hello Chromium (${mode})`);
      await fox.keyboard.press('Enter');
      await messagesWithText(ann.page, `Hello Chromium (${mode})`).waitFor();
    });

    it('video and audio both ways', async () => {
      await joinCall(ann);
      await foxJoinCall(fox);
      const atAnn = await waitForMediaFrom(ann.page, ['fox'], { audio: true, timeout: 40_000 });
      expect(atAnn[0]?.cameraFramesDecoded).toBeGreaterThan(0);
      expect(atAnn[0]?.audioSamplesReceived).toBeGreaterThan(0);
      const atFox = await foxReceives(fox, 'ann');
      expect(atFox.cameraFramesDecoded).toBeGreaterThan(0);
      expect(atFox.audioSamplesReceived).toBeGreaterThan(0);
      expect(await callMedia(ann.page)).toBe(mode);
    });
  });
}
