import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from '../browser';
import type { ServerHarness } from '../harness';
import { waitFor } from '../waitFor';
import {
  createRoom,
  inbound,
  joinCall,
  launchCallBrowser,
  newCallUser,
  openRoom,
  startServer,
  type CallUser,
} from './callKit';

/** What a page sends as its camera (see testHooks.localTracks). */
const localTracks = (user: CallUser) =>
  user.page.evaluate(
    () =>
      window.__minimeetCall?.localTracks() ?? {
        audio: null,
        video: null,
        camera: null,
        processed: false,
      },
  );

async function framesFrom(viewer: CallUser, from: string): Promise<number> {
  return (await inbound(viewer.page)).find((p) => p.username === from)?.cameraFramesDecoded ?? 0;
}

/** Segmentation runs on the CPU here (no GPU): a few frames a second are enough to show flow. */
async function keepsReceiving(viewer: CallUser, from: string, message: string): Promise<void> {
  const seen = await framesFrom(viewer, from);
  await waitFor(async () => (await framesFrom(viewer, from)) > seen + 15, {
    message,
    timeout: 20_000,
  });
}

/**
 * Issue 13, background blur: Bob blurs his background from the call's device settings. The
 * segmentation model loads from our own origin only then; Alice keeps receiving his video (the
 * processed track replaced the camera on the same sender); off restores the camera; the choice
 * is remembered on the next visit.
 */
describe('background blur in a call in real Chromium', () => {
  let server: ServerHarness;
  let browser: Browser;
  let alice: CallUser;
  let bob: CallUser;
  let roomId = '';
  const modelRequests: string[] = [];

  beforeAll(async () => {
    server = await startServer();
    browser = await launchCallBrowser();
    alice = await newCallUser(browser, server.url, 'alice');
    bob = await newCallUser(browser, server.url, 'bob');
    bob.page.on('request', (r) => {
      if (r.url().includes('selfie_segmentation')) modelRequests.push(r.url());
    });
    roomId = await createRoom(alice, 'Blurry');
    await openRoom(alice, roomId);
    await openRoom(bob, roomId);
    await joinCall(alice);
    await joinCall(bob);
    await waitFor(async () => (await framesFrom(alice, 'bob')) > 10, {
      message: 'alice receives bob',
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  it('turns blur on from the devices panel: the other page keeps receiving the processed video', async () => {
    expect(modelRequests).toEqual([]);
    const camera = (await localTracks(bob)).video;
    await bob.page.getByRole('button', { name: 'Devices' }).click();
    const panel = bob.page.getByRole('region', { name: 'Call devices' });
    await panel.getByLabel('Background').selectOption({ label: 'Blur' });
    await waitFor(async () => (await localTracks(bob)).processed, {
      message: 'bob sends the blurred track',
      timeout: 30_000,
    });
    const now = await localTracks(bob);
    expect(now.camera).toBe(camera);
    expect(now.video).not.toBe(camera);
    // Only from our own origin.
    expect(modelRequests.length).toBeGreaterThan(0);
    for (const url of modelRequests) expect(url.startsWith(`${server.url}/mediapipe/`)).toBe(true);
    await keepsReceiving(alice, 'bob', 'alice keeps decoding bob with blur on');
    await screenshot(bob.page, 'call-blur-on');
  });

  it('turning it off restores the camera', async () => {
    const panel = bob.page.getByRole('region', { name: 'Call devices' });
    await panel.getByLabel('Background').selectOption({ label: 'None' });
    await waitFor(async () => !(await localTracks(bob)).processed, {
      message: 'bob sends his camera again',
    });
    const now = await localTracks(bob);
    expect(now.video).toBe(now.camera);
    await keepsReceiving(alice, 'bob', 'alice keeps decoding bob with blur off');
  });

  it('remembers the choice: after a reload the next call starts blurred', async () => {
    const panel = bob.page.getByRole('region', { name: 'Call devices' });
    await panel.getByLabel('Background').selectOption({ label: 'Blur' });
    await waitFor(async () => (await localTracks(bob)).processed, {
      message: 'blurred again',
      timeout: 30_000,
    });
    // A fresh page load: nothing in memory, only what this browser remembered. The device
    // check before joining already shows and applies it.
    await openRoom(bob, roomId);
    await bob.page.getByRole('button', { name: 'Join call' }).click();
    const check = bob.page.getByRole('region', { name: 'Check your camera and microphone' });
    expect(await check.getByLabel('Background').inputValue()).toBe('blur');
    await waitFor(async () => (await localTracks(bob)).processed, {
      message: 'the remembered blur applies before joining',
      timeout: 30_000,
    });
    await bob.page.getByRole('button', { name: 'Join now' }).click();
    await bob.page.getByRole('button', { name: 'Leave call' }).waitFor();
    await bob.page.getByRole('button', { name: 'Devices' }).click();
    const select = bob.page.getByRole('region', { name: 'Call devices' }).getByLabel('Background');
    expect(await select.inputValue()).toBe('blur');
    await keepsReceiving(alice, 'bob', 'alice receives the blurred bob after his reload');
  });
});
