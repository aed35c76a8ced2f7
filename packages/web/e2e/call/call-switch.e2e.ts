import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from '../browser';
import type { ServerHarness } from '../harness';
import { waitFor } from '../waitFor';
import {
  CALL_CHROMIUM_ARGS,
  createRoom,
  inbound,
  joinCall,
  newCallUser,
  openRoom,
  outbound,
  startServer,
  type CallUser,
} from './callKit';

/**
 * A WAV of a voice-like sound for the fake microphone: a 220 Hz tone in syllables (its loudness
 * rises and falls twice a second), so the page hears someone talking. Chromium's own fake
 * microphone only beeps briefly once a second.
 */
function talkingWav(seconds = 120): string {
  const rate = 16_000;
  const samples = rate * seconds;
  const data = Buffer.alloc(44 + samples * 2);
  data.write('RIFF', 0);
  data.writeUInt32LE(36 + samples * 2, 4);
  data.write('WAVEfmt ', 8);
  data.writeUInt32LE(16, 16);
  data.writeUInt16LE(1, 20); // PCM
  data.writeUInt16LE(1, 22); // mono
  data.writeUInt32LE(rate, 24);
  data.writeUInt32LE(rate * 2, 28);
  data.writeUInt16LE(2, 32);
  data.writeUInt16LE(16, 34);
  data.write('data', 36);
  data.writeUInt32LE(samples * 2, 40);
  for (let i = 0; i < samples; i++) {
    const t = i / rate;
    const v = 0.6 * Math.abs(Math.sin(2 * Math.PI * 2 * t)) * Math.sin(2 * Math.PI * 220 * t);
    data.writeInt16LE(Math.round(v * 32_767), 44 + i * 2);
  }
  const path = join(tmpdir(), `minimeet-talking-${process.pid}.wav`);
  writeFileSync(path, data);
  return path;
}

/** The camera and microphone labels a page sends now (see testHooks.localTracks). */
const localTracks = (user: CallUser) =>
  user.page.evaluate(() => window.__minimeetCall?.localTracks() ?? { audio: null, video: null });

/** Camera frames `viewer` has decoded from `from` so far. */
async function framesFrom(viewer: CallUser, from: string): Promise<number> {
  return (await inbound(viewer.page)).find((p) => p.username === from)?.cameraFramesDecoded ?? 0;
}

/** The outbound video entry of the camera (mid and media source) of a page. */
async function cameraSender(user: CallUser) {
  const entries = await outbound(user.page);
  return entries.find((e) => e.kind === 'video' && e.framesEncoded > 0) ?? null;
}

/**
 * Issue 13, devices mid-call: with several fake cameras (Chromium's `device-count=3`) Bob switches
 * camera from the call's device settings; Alice keeps receiving video on the same connection
 * (the sender's track is replaced, no new negotiation). An unplugged camera falls back to the
 * other one with a notice. Talking while muted shows a hint.
 */
describe('switching devices during a call in real Chromium', () => {
  let server: ServerHarness;
  let browser: Browser;
  let alice: CallUser;
  let bob: CallUser;
  let wav = '';

  beforeAll(async () => {
    server = await startServer();
    wav = talkingWav();
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        ...CALL_CHROMIUM_ARGS.map((a) =>
          a === '--use-fake-device-for-media-stream'
            ? '--use-fake-device-for-media-stream=device-count=3'
            : a,
        ),
        `--use-file-for-fake-audio-capture=${wav}`,
      ],
      headless: true,
    });
    alice = await newCallUser(browser, server.url, 'alice');
    bob = await newCallUser(browser, server.url, 'bob');
    const roomId = await createRoom(alice, 'Switchboard');
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
    if (wav) rmSync(wav, { force: true });
  });

  it('switches camera from the call: the other side keeps receiving, on the same sender', async () => {
    const before = await localTracks(bob);
    const sender = await cameraSender(bob);
    expect(sender?.mid).not.toBeNull();
    await bob.page.getByRole('button', { name: 'Devices' }).click();
    const panel = bob.page.getByRole('region', { name: 'Call devices' });
    const camera = panel.getByLabel('Camera');
    const options = await camera.locator('option').allTextContents();
    expect(options).toEqual(['fake_device_0', 'fake_device_1', 'fake_device_2']);
    expect(before.video).toBe('fake_device_0');
    // Chromium's second fake camera is a depth camera (16-bit grey) its encoder cannot take: the
    // third is an ordinary one.
    const other = 'fake_device_2';
    await camera.selectOption({ label: other });
    await waitFor(async () => (await localTracks(bob)).video === other, {
      message: 'bob sends the other camera',
    });
    await screenshot(bob.page, 'call-devices-panel');

    // Same transceiver (mid), a new media source: the track was replaced, nothing renegotiated.
    await waitFor(
      async () => {
        const now = await cameraSender(bob);
        return now?.mid === sender?.mid && now?.mediaSourceId !== sender?.mediaSourceId;
      },
      { message: 'camera sender kept, source replaced' },
    );
    const seen = await framesFrom(alice, 'bob');
    await waitFor(async () => (await framesFrom(alice, 'bob')) > seen + 20, {
      message: 'alice keeps decoding bob after the switch',
    });
    await bob.page.keyboard.press('Escape');
  });

  it('an unplugged camera falls back to the other one with a notice', async () => {
    const using = (await localTracks(bob)).video;
    await bob.page.evaluate(() => window.__minimeetCall?.unplug('video'));
    await bob.page.getByText(/Your camera was disconnected: now using /).waitFor();
    await waitFor(async () => (await localTracks(bob)).video !== null, {
      message: 'a camera again',
    });
    expect((await localTracks(bob)).video).not.toBeNull();
    const seen = await framesFrom(alice, 'bob');
    await waitFor(async () => (await framesFrom(alice, 'bob')) > seen + 20, {
      message: 'alice keeps decoding bob after the fallback',
    });
    await bob.page.getByRole('button', { name: 'OK' }).click();
    expect(using).not.toBeNull();
  });

  it('hints "you are muted" when speaking while muted', async () => {
    // The fake microphone plays talkingWav(): someone talking.
    await bob.page.getByRole('button', { name: 'Mute' }).click();
    await bob.page.getByText('You are muted: unmute to be heard.').waitFor({ timeout: 10_000 });
    await bob.page.getByRole('button', { name: 'Unmute' }).click();
    await bob.page.getByText('You are muted: unmute to be heard.').waitFor({ state: 'hidden' });
  });
});
