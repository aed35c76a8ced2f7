import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from '../browser';
import type { ServerHarness } from '../harness';
import {
  callPanel,
  createRoom,
  inbound,
  joinCall,
  launchCallBrowser,
  newCallUser,
  openRoom,
  remoteMedia,
  startServer,
  tile,
  waitForMediaFrom,
  type CallUser,
} from './callKit';

/**
 * Makes getUserMedia fail the way browsers do when permission is refused ('denied') or the
 * device does not exist ('no-camera'), before the app loads.
 */
async function breakDevices(user: CallUser, how: 'denied' | 'no-camera'): Promise<void> {
  await user.context.addInitScript((mode) => {
    const real = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
    navigator.mediaDevices.getUserMedia = (constraints) => {
      if (mode === 'denied')
        return Promise.reject(new DOMException('Permission denied', 'NotAllowedError'));
      if (constraints?.video)
        return Promise.reject(new DOMException('Requested device not found', 'NotFoundError'));
      return real(constraints);
    };
  }, how);
}

describe('joining with missing or refused devices', () => {
  let server: ServerHarness;
  let browser: Browser;
  let host: CallUser;
  let roomId = '';

  beforeAll(async () => {
    server = await startServer();
    browser = await launchCallBrowser();
    host = await newCallUser(browser, server.url, 'host');
    roomId = await createRoom(host, 'Device trouble');
    await openRoom(host, roomId);
    await joinCall(host);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  it('explains a refused permission and still joins without media', async () => {
    const guest = await newCallUser(browser, server.url, 'denied');
    await breakDevices(guest, 'denied');
    await openRoom(guest, roomId);
    await guest.page.getByRole('button', { name: 'Join call' }).click();
    const check = guest.page.getByRole('region', { name: 'Check your camera and microphone' });
    await check.getByText('Permission to use your camera was denied').waitFor();
    await check.getByText('Permission to use your microphone was denied').waitFor();
    expect(await check.getByRole('button', { name: 'Unmute' }).isDisabled()).toBe(true);
    await screenshot(guest.page, 'call-prejoin-permission-denied');
    await check.getByRole('button', { name: 'Join now' }).click();
    await guest.page.getByRole('button', { name: 'Leave call' }).waitFor();

    // The guest sees and hears the host; the host sees a tile that says both are off.
    await waitForMediaFrom(guest.page, ['host'], { audio: true });
    const guestTile = tile(host.page, 'denied');
    await guestTile.getByText('Muted').waitFor();
    await guestTile.getByText('Camera off').waitFor();
    const flags = await remoteMedia(host.page);
    expect(flags.find((p) => p.username === 'denied')).toMatchObject({
      audio: false,
      video: false,
    });
    await guest.page.getByRole('button', { name: 'Leave call' }).click();
    await guest.context.close();
  });

  it('joins audio-only when there is no camera, and the others hear it', async () => {
    const guest = await newCallUser(browser, server.url, 'nocam');
    await breakDevices(guest, 'no-camera');
    await openRoom(guest, roomId);
    await guest.page.getByRole('button', { name: 'Join call' }).click();
    const check = guest.page.getByRole('region', { name: 'Check your camera and microphone' });
    await check.getByText('No camera was found').waitFor();
    await check.getByRole('meter', { name: 'Microphone level' }).waitFor();
    await check.getByRole('button', { name: 'Join now' }).click();
    await guest.page.getByRole('button', { name: 'Leave call' }).waitFor();

    await tile(host.page, 'nocam').getByText('Camera off').waitFor();
    expect(await tile(host.page, 'nocam').getByText('Muted').count()).toBe(0);
    await expect
      .poll(
        async () =>
          (await inbound(host.page)).find((p) => p.username === 'nocam')?.audioSamplesReceived ?? 0,
        {
          timeout: 20_000,
        },
      )
      .toBeGreaterThan(0);
    await screenshot(host.page, 'call-audio-only-guest');
    await guest.page.getByRole('button', { name: 'Leave call' }).click();
    await guest.context.close();
  });

  it('joins with the camera turned off on the device check', async () => {
    const guest = await newCallUser(browser, server.url, 'shy');
    await openRoom(guest, roomId);
    await guest.page.getByRole('button', { name: 'Join call' }).click();
    const check = guest.page.getByRole('region', { name: 'Check your camera and microphone' });
    await check.getByRole('button', { name: 'Turn camera off' }).click();
    await check.getByRole('button', { name: 'Mute' }).click();
    await check.getByRole('button', { name: 'Join now' }).click();
    await callPanel(guest.page).getByRole('button', { name: 'Turn camera on' }).waitFor();
    await tile(host.page, 'shy').getByText('Camera off').waitFor();
    await tile(host.page, 'shy').getByText('Muted').waitFor();
    // Turning the camera on in the call sends video without a new negotiation.
    // (a disabled camera sends a black frame now and then; a live one sends its full rate)
    const before =
      (await inbound(host.page)).find((p) => p.username === 'shy')?.cameraFramesDecoded ?? 0;
    await guest.page.getByRole('button', { name: 'Turn camera on' }).click();
    await waitForMediaFrom(host.page, ['shy'], { atLeast: { shy: before + 30 } });
    await expect
      .poll(async () => await tile(host.page, 'shy').getByText('Camera off').count(), {
        timeout: 10_000,
      })
      .toBe(0);
  });
});
