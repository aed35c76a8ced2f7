import { execFileSync } from 'node:child_process';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { apiCreateRoom, apiRegister } from '../api';
import { CHROMIUM_ARGS } from '../browser';
import { ServerHarness } from '../harness';
import type { PeerInbound } from '../../src/call/callSession';
import type { OutboundEntry } from '../../src/call/testHooks';
import { waitFor } from '../waitFor';

/**
 * Helpers for the call tests: Chromium with fake camera, microphone and screen on loopback
 * (flags from shared/notes/webrtc-testing.md), users already in a room, and read-only access
 * to the page's call stats through window.__minimeetCall.
 */
export const CALL_CHROMIUM_ARGS = [
  ...CHROMIUM_ARGS,
  // Several pages play media at once and none of them has focus.
  '--autoplay-policy=no-user-gesture-required',
  '--disable-background-timer-throttling',
  '--disable-renderer-backgrounding',
  '--disable-backgrounding-occluded-windows',
];

export function launchCallBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CALL_CHROMIUM_ARGS,
    headless: true,
  });
}

/** Starts the server with extra environment (TURN settings) without touching the shared harness. */
export async function startServer(env: Record<string, string> = {}): Promise<ServerHarness> {
  const server = new ServerHarness();
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  try {
    await server.start();
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
  return server;
}

export interface CallSettingsInit {
  video?: { width: number; height: number; frameRate: number };
  iceTransportPolicy?: 'all' | 'relay';
}

export interface CallUser {
  username: string;
  context: BrowserContext;
  page: Page;
  token: string;
}

/** A signed-in user in their own browser profile, with the call settings the engine reads. */
export async function newCallUser(
  browser: Browser,
  baseURL: string,
  username: string,
  options: CallPageOptions = {},
): Promise<CallUser> {
  const { context, page } = await newCallPage(browser, baseURL, username, options);
  const auth = await apiRegister(context.request, username);
  return { username, context, page, token: auth.accessToken };
}

export interface CallPageOptions {
  settings?: CallSettingsInit;
  viewport?: { width: number; height: number };
}

/** A browser profile set up for calls, signed out (`label` names it in debug output). */
export async function newCallPage(
  browser: Browser,
  baseURL: string,
  label: string,
  options: CallPageOptions = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    baseURL,
    viewport: options.viewport ?? { width: 1000, height: 760 },
  });
  context.setDefaultTimeout(20_000);
  const settings = JSON.stringify({ testHooks: true, ...options.settings });
  await context.addInitScript(
    (value) => window.localStorage.setItem('minimeet:call-settings', value),
    settings,
  );
  // Keeps the page's WebSockets reachable so a test can drop the socket (see dropSocket).
  await context.addInitScript(() => {
    const Native = window.WebSocket;
    const open: WebSocket[] = [];
    (window as unknown as { __testSockets: WebSocket[] }).__testSockets = open;
    window.WebSocket = class extends Native {
      constructor(url: string | URL, protocols?: string | string[]) {
        super(url, protocols);
        open.push(this);
      }
    };
  });
  const page = await context.newPage();
  if (process.env.CALL_E2E_DEBUG) {
    page.on('console', (m) => process.stderr.write(`[${label}] ${m.type()}: ${m.text()}\n`));
    page.on('pageerror', (e) => process.stderr.write(`[${label}] pageerror: ${e.message}\n`));
  }
  return { context, page };
}

/** Invite tokens of the rooms the tests created, by room id. */
const inviteTokens = new Map<string, string>();

export async function createRoom(owner: CallUser, name: string): Promise<string> {
  const room = await apiCreateRoom(owner.context.request, owner.token, name);
  inviteTokens.set(room.id, room.inviteToken);
  return room.id;
}

/** Opens the room through its invite link (members go straight in) until the call panel is ready. */
export async function openRoom(user: CallUser, roomId: string): Promise<void> {
  const token = inviteTokens.get(roomId);
  await user.page.goto(token ? `/join/${token}` : `/rooms/${roomId}`);
  await user.page.getByRole('button', { name: 'Join call' }).waitFor();
}

export function callPanel(page: Page) {
  return page.getByRole('region', { name: 'Video call' });
}

/** `Join call`, then `Join now` on the device check; resolves once the call UI is there. */
export async function joinCall(user: CallUser): Promise<void> {
  const { page } = user;
  await page.getByRole('button', { name: 'Join call' }).click();
  await page.getByRole('button', { name: 'Join now' }).click();
  await page.getByRole('button', { name: 'Leave call' }).waitFor();
}

export type { PeerInbound };

export function inbound(page: Page): Promise<PeerInbound[]> {
  return page.evaluate(() => window.__minimeetCall?.inbound() ?? Promise.resolve([]));
}

export function remoteMedia(page: Page) {
  return page.evaluate(() => window.__minimeetCall?.peers() ?? []);
}

/** Waits until `page` decodes video (and receives audio) from each of `from`. */
export async function waitForMediaFrom(
  page: Page,
  from: string[],
  options: { audio?: boolean; timeout?: number; atLeast?: Record<string, number> } = {},
): Promise<PeerInbound[]> {
  let last: PeerInbound[] = [];
  return waitFor(
    async () => {
      last = await inbound(page);
      const ok = from.every((name) => {
        const p = last.find((x) => x.username === name);
        const floor = options.atLeast?.[name] ?? 0;
        return p && p.cameraFramesDecoded > floor && (!options.audio || p.audioSamplesReceived > 0);
      });
      return ok ? last : null;
    },
    {
      timeout: options.timeout ?? 30_000,
      interval: 200,
      message: () => `media from ${from.join(', ')}: ${JSON.stringify(last)}`,
    },
  );
}

/** The tile of a participant in a page's grid (its accessible name is the username). */
export function tile(page: Page, username: string) {
  return callPanel(page).getByRole('group', { name: username, exact: true });
}

/**
 * Drops the page's Socket.IO connection and keeps the network away until `restore` is called.
 * In a loopback-only network namespace Chromium's offline emulation blocks new connections but
 * leaves open ones alone, so the open WebSocket is closed by hand as well.
 */
export async function dropSocket(user: CallUser): Promise<() => Promise<void>> {
  await user.context.setOffline(true);
  await user.page.evaluate(() => {
    for (const ws of (window as unknown as { __testSockets: WebSocket[] }).__testSockets)
      ws.close();
  });
  return () => user.context.setOffline(false);
}

// ---- SFU (Janus) ----

/** The veth interface Janus gathers its candidates on (Janus never uses loopback itself). */
export const SFU_ICE_INTERFACE = 'mm0';

/**
 * Janus ignores loopback interfaces: inside the test's network namespace (scripts/test-all.sh
 * runs the browser tests under `unshare -n`) give it a veth holding 127.0.0.2, once.
 */
export function ensureSfuNetwork(): void {
  const ip = (...args: string[]) => execFileSync('ip', args, { stdio: 'pipe' });
  try {
    ip('link', 'show', SFU_ICE_INTERFACE);
    return;
  } catch {
    // Missing: create it below.
  }
  ip('link', 'add', SFU_ICE_INTERFACE, 'type', 'veth', 'peer', 'name', 'mm1');
  ip('addr', 'add', '127.0.0.2/32', 'dev', SFU_ICE_INTERFACE);
  ip('link', 'set', SFU_ICE_INTERFACE, 'up');
  ip('link', 'set', 'mm1', 'up');
}

/** The server with its supervised Janus, calls moving from mesh to SFU past CALL_MESH_MAX. */
export async function startSfuServer(env: Record<string, string> = {}): Promise<ServerHarness> {
  ensureSfuNetwork();
  return startServer({ JANUS_ICE_INTERFACE: SFU_ICE_INTERFACE, CALL_MEDIA: 'auto', ...env });
}

export function callMedia(page: Page): Promise<'mesh' | 'sfu' | null> {
  return page.evaluate(() => window.__minimeetCall?.media() ?? null);
}

export type { OutboundEntry };

export function outbound(page: Page): Promise<OutboundEntry[]> {
  return page.evaluate(() => window.__minimeetCall?.outbound() ?? Promise.resolve([]));
}

/** Distinct outgoing video streams that encode frames (simulcast layers of one mid count once). */
export function sendingVideoStreams(entries: readonly OutboundEntry[]): string[] {
  const mids = new Set<string>();
  for (const e of entries) {
    if (e.kind === 'video' && e.framesEncoded > 0) mids.add(e.mediaSourceId ?? e.mid ?? '?');
  }
  return [...mids];
}

/**
 * Polls every page's decoded camera frames per sender every 200 ms and keeps the longest time a
 * counter stood still (a counter that changes in any way, e.g. another connection's, is progress).
 */
export function watchMediaGaps(users: readonly CallUser[]) {
  const last = new Map<string, { frames: number; at: number }>();
  let longest = { ms: 0, where: '' };
  let running = true;
  const loop = async () => {
    while (running) {
      const started = Date.now();
      await Promise.all(
        users.map(async (u) => {
          const list = await inbound(u.page).catch(() => [] as PeerInbound[]);
          const now = Date.now();
          for (const p of list) {
            const key = `${u.username}<-${p.username}`;
            const prev = last.get(key);
            if (!prev) {
              if (p.cameraFramesDecoded > 0)
                last.set(key, { frames: p.cameraFramesDecoded, at: now });
            } else if (p.cameraFramesDecoded !== prev.frames) {
              last.set(key, { frames: p.cameraFramesDecoded, at: now });
            }
          }
          for (const [key, v] of last) {
            if (!key.startsWith(`${u.username}<-`)) continue;
            if (now - v.at > longest.ms) longest = { ms: now - v.at, where: key };
          }
        }),
      );
      await new Promise((ok) => setTimeout(ok, Math.max(0, 200 - (Date.now() - started))));
    }
  };
  const done = loop();
  return {
    longest: () => longest,
    stop: async () => {
      running = false;
      await done;
      return longest;
    },
  };
}
