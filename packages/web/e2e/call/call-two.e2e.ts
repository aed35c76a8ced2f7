import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoHorizontalOverflow, messagesWithText, screenshot, sendMessage } from '../browser';
import type { ServerHarness } from '../harness';
import { waitFor } from '../waitFor';
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

describe('a two-person call in real Chromium', () => {
  let server: ServerHarness;
  let browser: Browser;
  let alice: CallUser;
  let bob: CallUser;
  let roomId = '';

  beforeAll(async () => {
    server = await startServer();
    browser = await launchCallBrowser();
    alice = await newCallUser(browser, server.url, 'alice');
    // Bob is on a phone-sized screen: the call must fit 360 px and leave the chat usable.
    bob = await newCallUser(browser, server.url, 'bob', { viewport: { width: 360, height: 740 } });
    roomId = await createRoom(alice, 'Design review');
    await openRoom(alice, roomId);
    await openRoom(bob, roomId);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  it('shows the device check with a camera preview and a microphone level', async () => {
    const { page } = alice;
    await page.getByRole('button', { name: 'Join call' }).click();
    const check = page.getByRole('region', { name: 'Check your camera and microphone' });
    await check.waitFor();
    await waitFor(
      () => page.getByLabel('Camera preview').evaluate((v: HTMLVideoElement) => v.videoWidth > 0),
      {
        message: 'camera preview shows video',
      },
    );
    await check.getByRole('meter', { name: 'Microphone level' }).waitFor();
    expect(await check.getByLabel('Camera', { exact: true }).count()).toBe(1);
    expect(await check.getByLabel('Microphone', { exact: true }).count()).toBe(1);
    await screenshot(page, 'call-prejoin');
    await check.getByRole('button', { name: 'Join now' }).click();
    await page.getByRole('button', { name: 'Leave call' }).waitFor();
  });

  it('connects both ways: video frames decoded and audio samples received on each side', async () => {
    await joinCall(bob);
    const atAlice = await waitForMediaFrom(alice.page, ['bob'], { audio: true });
    const atBob = await waitForMediaFrom(bob.page, ['alice'], { audio: true });
    expect(atAlice[0]?.cameraFramesDecoded).toBeGreaterThan(0);
    expect(atAlice[0]?.audioSamplesReceived).toBeGreaterThan(0);
    expect(atBob[0]?.cameraFramesDecoded).toBeGreaterThan(0);
    expect(atBob[0]?.audioSamplesReceived).toBeGreaterThan(0);
    // Loopback only: the selected pair is host <-> host.
    expect(atAlice[0]?.localCandidateType).toBe('host');

    await tile(alice.page, 'bob').waitFor();
    await tile(bob.page, 'alice').waitFor();
    await tile(alice.page, 'bob')
      .getByRole('img', { name: /Connection (good|fair|poor)/ })
      .waitFor();
    await screenshot(alice.page, 'call-two-desktop');
    await screenshot(bob.page, 'call-two-phone-360');
  });

  it('fits a 360 px phone screen and keeps the chat usable during the call', async () => {
    await expectNoHorizontalOverflow(bob.page, 'call at 360 px');
    // On a phone the chat is a bottom sheet, closed at first: the call takes the screen.
    await bob.page.getByRole('button', { name: 'Open chat' }).click();
    await sendMessage(bob.page, 'Can you hear me?');
    await messagesWithText(alice.page, 'Can you hear me?').waitFor();
    await expectNoHorizontalOverflow(bob.page, 'call with the chat open at 360 px');
    await screenshot(bob.page, 'call-chat-sheet-phone-360');
    await bob.page.getByRole('button', { name: 'Close chat' }).click();
    const box = await tile(bob.page, 'alice').boundingBox();
    expect(box?.width ?? 0).toBeGreaterThan(100);
    expect(box?.width ?? 999).toBeLessThanOrEqual(360);
  });

  it('shows mute and camera off to the other side, and unmute restores', async () => {
    const bobTileAtAlice = tile(alice.page, 'bob');
    await bob.page.getByRole('button', { name: 'Mute' }).click();
    expect(
      await bob.page.getByRole('button', { name: 'Unmute' }).getAttribute('aria-pressed'),
    ).toBe('true');
    await bobTileAtAlice.getByText('Muted').waitFor();
    await bob.page.getByRole('button', { name: 'Turn camera off' }).click();
    expect(
      await bob.page.getByRole('button', { name: 'Turn camera on' }).getAttribute('aria-pressed'),
    ).toBe('true');
    await bobTileAtAlice.getByText('Camera off').waitFor();
    const flags = await remoteMedia(alice.page);
    expect(flags.find((p) => p.username === 'bob')).toMatchObject({ audio: false, video: false });
    await screenshot(alice.page, 'call-peer-muted-camera-off');

    await bob.page.getByRole('button', { name: 'Unmute' }).click();
    await bob.page.getByRole('button', { name: 'Turn camera on' }).click();
    expect(await bob.page.getByRole('button', { name: 'Mute' }).getAttribute('aria-pressed')).toBe(
      'false',
    );
    await waitFor(async () => (await bobTileAtAlice.getByText('Muted').count()) === 0, {
      message: 'muted badge gone',
    });
    await waitFor(async () => (await bobTileAtAlice.getByText('Camera off').count()) === 0, {
      message: 'camera-off badge gone',
    });
    const again = await remoteMedia(alice.page);
    expect(again.find((p) => p.username === 'bob')).toMatchObject({ audio: true, video: true });
    // Video keeps flowing after the camera came back.
    const before = (await inbound(alice.page))[0]?.cameraFramesDecoded ?? 0;
    await waitForMediaFrom(alice.page, ['bob'], { atLeast: { bob: before + 10 } });
  });

  it('sends a screen share that the other side receives, and stops it cleanly', async () => {
    await alice.page.getByRole('button', { name: 'Share screen' }).click();
    await alice.page.getByRole('button', { name: 'Stop sharing' }).waitFor();
    await tile(bob.page, 'alice (screen)').waitFor();
    await waitFor(async () => ((await inbound(bob.page))[0]?.screenFramesDecoded ?? 0) > 0, {
      message: 'bob decodes the screen share',
    });
    // The camera still flows next to the screen.
    const cam = (await inbound(bob.page))[0]?.cameraFramesDecoded ?? 0;
    await waitForMediaFrom(bob.page, ['alice'], { atLeast: { alice: cam + 5 } });
    await screenshot(bob.page, 'call-screen-share-phone');
    await screenshot(alice.page, 'call-screen-share-desktop');

    await alice.page.getByRole('button', { name: 'Stop sharing' }).click();
    await waitFor(async () => (await tile(bob.page, 'alice (screen)').count()) === 0, {
      message: 'screen tile gone',
    });
  });

  it('handles both starting a screen share at the same moment (renegotiation glare)', async () => {
    await Promise.all([
      alice.page.getByRole('button', { name: 'Share screen' }).click(),
      bob.page.getByRole('button', { name: 'Share screen' }).click(),
    ]);
    await tile(alice.page, 'bob (screen)').waitFor();
    await tile(bob.page, 'alice (screen)').waitFor();
    for (const page of [alice.page, bob.page]) {
      await waitFor(async () => ((await inbound(page))[0]?.screenFramesDecoded ?? 0) > 0, {
        message: 'each side decodes the other one\u2019s screen',
      });
    }
    // Cameras keep flowing through both renegotiations.
    const cam = (await inbound(alice.page))[0]?.cameraFramesDecoded ?? 0;
    await waitForMediaFrom(alice.page, ['bob'], { atLeast: { bob: cam + 5 } });
    await Promise.all([
      alice.page.getByRole('button', { name: 'Stop sharing' }).click(),
      bob.page.getByRole('button', { name: 'Stop sharing' }).click(),
    ]);
    await waitFor(
      async () =>
        (await callPanel(alice.page)
          .getByRole('group', { name: /\(screen\)$/ })
          .count()) === 0,
      {
        message: 'no screen tiles left',
      },
    );
  });

  it('stores the call and shows it in the room history after both leave', async () => {
    await bob.page.getByRole('button', { name: 'Leave call' }).click();
    await waitFor(async () => (await tile(alice.page, 'bob').count()) === 0, {
      message: 'bob gone from grid',
    });
    await alice.page.getByRole('button', { name: 'Leave call' }).click();
    const history = callPanel(alice.page).getByRole('region', { name: 'Recent calls' });
    await history.waitFor();
    await history.getByText('alice').waitFor();
    await history.getByText('bob').waitFor();
    const text = (await history.textContent()) ?? '';
    expect(text).toMatch(/\d+ (s|min)/);
    expect(text).toMatch(/quality (good|fair|poor)/);
    await screenshot(alice.page, 'call-history');
    const res = await alice.context.request.get(`/api/rooms/${roomId}/calls`, {
      headers: { Authorization: `Bearer ${alice.token}` },
    });
    const body = (await res.json()) as {
      items: { durationSeconds: number | null; participants: { quality: { samples: number } }[] }[];
    };
    expect(body.items[0]?.durationSeconds).toBeGreaterThan(0);
    expect(body.items[0]?.participants.every((p) => p.quality.samples > 0)).toBe(true);
  });
});
