import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from '../browser';
import type { ServerHarness } from '../harness';
import { waitFor } from '../waitFor';
import {
  callMedia,
  callPanel,
  createRoom,
  inbound,
  joinCall,
  launchCallBrowser,
  newCallUser,
  openRoom,
  outbound,
  sendingVideoStreams,
  startSfuServer,
  tile,
  waitForMediaFrom,
  type CallUser,
} from './callKit';

/** Six pages on two cores: small video (shared/notes/webrtc-testing.md). */
const SMALL = { video: { width: 320, height: 240, frameRate: 15 } };
const NAMES = ['ann', 'ben', 'cat', 'dan', 'eve', 'fay'];

describe('a six-person call through the SFU (Janus)', () => {
  let server: ServerHarness;
  let browser: Browser;
  let users: CallUser[] = [];
  let roomId = '';

  beforeAll(async () => {
    server = await startSfuServer();
    browser = await launchCallBrowser();
    users = await Promise.all(
      NAMES.map((name) => newCallUser(browser, server.url, name, { settings: SMALL })),
    );
    roomId = await createRoom(users[0] as CallUser, 'Town hall');
    for (const user of users) await openRoom(user, roomId);
  });

  afterAll(async () => {
    await browser?.close();
    if (process.env.CALL_E2E_DEBUG && server) process.stderr.write(server.logTail(80));
    await server?.dispose();
  });

  it('every page decodes video and audio from the others and publishes one camera stream', async () => {
    await Promise.all(users.map((user) => joinCall(user)));
    for (const user of users) {
      await waitFor(async () => (await callMedia(user.page)) === 'sfu', {
        timeout: 30_000,
        message: `${user.username} moves to the SFU`,
      });
    }
    await Promise.all(
      users.map(async (user) => {
        let last: Awaited<ReturnType<typeof inbound>> = [];
        await waitFor(
          async () => {
            last = await inbound(user.page);
            const video = last.filter((p) => p.cameraFramesDecoded > 0);
            const audio = last.filter((p) => p.audioSamplesReceived > 0);
            return last.length === 5 && video.length >= 4 && audio.length >= 4;
          },
          {
            timeout: 90_000,
            interval: 500,
            message: () => `${user.username} receives the others: ${JSON.stringify(last)}`,
          },
        );
      }),
    );
    // Through the SFU each page encodes its camera once, whatever the number of receivers
    // (the mesh it started with closes once the SFU media arrived).
    for (const user of users) {
      let last: Awaited<ReturnType<typeof outbound>> = [];
      await waitFor(
        async () => {
          last = await outbound(user.page);
          return sendingVideoStreams(last).length === 1;
        },
        {
          timeout: 30_000,
          interval: 500,
          message: () => `${user.username} sends one video stream: ${JSON.stringify(last)}`,
        },
      );
      const video = last.filter((e) => e.kind === 'video');
      const audio = last.filter((e) => e.kind === 'audio');
      expect(new Set(video.map((e) => e.mid)).size).toBe(1);
      expect(audio).toHaveLength(1);
    }
    for (const other of NAMES.slice(1)) await tile(users[0]!.page, other).waitFor();
    await screenshot(users[0]!.page, 'call-sfu-6');
  });

  it('a screen share reaches everyone', async () => {
    const [ann, ...others] = users as [CallUser, ...CallUser[]];
    await ann.page.getByRole('button', { name: 'Share screen' }).click();
    await Promise.all(
      others.map(async (user) => {
        await tile(user.page, 'ann (screen)').waitFor({ timeout: 30_000 });
        // Through the SFU too the shared screen takes the stage on the other pages.
        await callPanel(user.page)
          .getByRole('region', { name: 'Stage (shared screen)' })
          .getByRole('group', { name: 'ann (screen)', exact: true })
          .waitFor();
        let last: Awaited<ReturnType<typeof inbound>> = [];
        await waitFor(
          async () => {
            last = await inbound(user.page);
            return (last.find((p) => p.username === 'ann')?.screenFramesDecoded ?? 0) > 0;
          },
          {
            timeout: 30_000,
            interval: 300,
            message: () => `${user.username} decodes ann's screen: ${JSON.stringify(last)}`,
          },
        );
      }),
    );
    // The camera keeps flowing next to the screen.
    const before = (await inbound(others[0]!.page)).find((p) => p.username === 'ann');
    await waitForMediaFrom(others[0]!.page, ['ann'], {
      atLeast: { ann: before?.cameraFramesDecoded ?? 0 },
    });
    expect(sendingVideoStreams(await outbound(ann.page))).toHaveLength(2);
    await screenshot(others[0]!.page, 'call-sfu-screen');
    await ann.page.getByRole('button', { name: 'Stop sharing' }).click();
    await waitFor(async () => (await tile(others[0]!.page, 'ann (screen)').count()) === 0, {
      timeout: 20_000,
      message: 'screen tile gone',
    });
  });

  it('pages the grid on a phone and has the SFU pause the videos of the other page', async () => {
    const ann = users[0] as CallUser;
    const others = NAMES.slice(1);
    const shown = async () => {
      const visible: string[] = [];
      for (const name of others) if ((await tile(ann.page, name).count()) > 0) visible.push(name);
      return visible;
    };
    await ann.page.setViewportSize({ width: 360, height: 740 });
    const panel = callPanel(ann.page);
    await panel.getByText('Page 1 of 2').waitFor();
    // Ourselves and three others on page 1, the last two on page 2.
    const page1 = await shown();
    expect(page1).toHaveLength(3);
    await expectFlowing(
      ann,
      page1,
      others.filter((n) => !page1.includes(n)),
    );
    await panel.getByRole('button', { name: 'Next page' }).click();
    await panel.getByText('Page 2 of 2').waitFor();
    const page2 = await shown();
    expect(page2.sort()).toEqual(others.filter((n) => !page1.includes(n)).sort());
    await expectFlowing(ann, page2, page1);
    await screenshot(ann.page, 'call-sfu-phone-page-2');
    await ann.page.setViewportSize({ width: 1000, height: 760 });
  });
});

/** Polls once a second until the `moving` cameras gain frames and the `paused` ones do not. */
async function expectFlowing(user: CallUser, moving: string[], paused: string[]): Promise<void> {
  const framesOf = async () =>
    new Map((await inbound(user.page)).map((p) => [p.username, p.cameraFramesDecoded]));
  let before = await framesOf();
  let now = before;
  await waitFor(
    async () => {
      now = await framesOf();
      const grew = (n: string) => (now.get(n) ?? 0) > (before.get(n) ?? 0);
      const ok = moving.every(grew) && !paused.some(grew);
      before = now;
      return ok;
    },
    {
      timeout: 30_000,
      interval: 1000,
      message: () =>
        `${user.username}: ${moving.join(', ')} flowing, ${paused.join(', ')} paused: ${JSON.stringify([...now])}`,
    },
  );
}
