import { execFileSync } from 'node:child_process';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
  startSfuServer,
  type CallUser,
} from './callKit';

const SMALL = { video: { width: 320, height: 240, frameRate: 15 } };
const NAMES = ['kim', 'lee', 'max'];

/** The Janus the server supervises (a child of the server process). */
function janusPid(server: ServerHarness): number {
  const out = execFileSync('pgrep', ['-P', String(server.pid), '-x', 'janus'], {
    encoding: 'utf8',
  });
  const pid = Number(out.trim().split('\n')[0]);
  if (!pid) throw new Error('no supervised Janus');
  return pid;
}

/** Frames decoded so far from each other participant's camera, by username. */
async function frames(user: CallUser): Promise<Map<string, number>> {
  return new Map((await inbound(user.page)).map((p) => [p.username, p.cameraFramesDecoded]));
}

describe('an SFU call survives kill -9 of Janus', () => {
  let server: ServerHarness;
  let browser: Browser;
  let users: CallUser[] = [];

  beforeAll(async () => {
    server = await startSfuServer({ CALL_MEDIA: 'sfu' });
    browser = await launchCallBrowser();
    users = await Promise.all(
      NAMES.map((name) => newCallUser(browser, server.url, name, { settings: SMALL })),
    );
    const roomId = await createRoom(users[0] as CallUser, 'Resilience');
    for (const user of users) await openRoom(user, roomId);
    await Promise.all(users.map((user) => joinCall(user)));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  it('shows "Reconnecting…" and media resumes within 10 s with no user action', async () => {
    for (const user of users) {
      await waitFor(async () => (await callMedia(user.page)) === 'sfu', {
        timeout: 30_000,
        message: `${user.username} is on the SFU`,
      });
      await waitFor(
        async () => {
          const seen = await frames(user);
          return seen.size === 2 && [...seen.values()].every((f) => f > 0);
        },
        { timeout: 60_000, interval: 300, message: `${user.username} sees the others` },
      );
    }
    const killedAt = Date.now();
    process.kill(janusPid(server), 'SIGKILL');

    // Somebody notices and says so while the media is being restored.
    await callPanel(users[0]!.page)
      .getByText(/Reconnecting/)
      .first()
      .waitFor({ timeout: 10_000 });
    // Flowing again: every other camera decodes new frames between two looks.
    await Promise.all(
      users.map(async (user) => {
        let previous = await frames(user);
        let now = previous;
        await waitFor(
          async () => {
            now = await frames(user);
            const flowing =
              now.size === 2 &&
              [...now].every(([name, f]) => f > (previous.get(name) ?? Number.POSITIVE_INFINITY));
            previous = now;
            return flowing;
          },
          {
            timeout: 15_000,
            interval: 300,
            message: () => `${user.username} gets media again: ${JSON.stringify([...now])}`,
          },
        );
      }),
    );
    const resumedMs = Date.now() - killedAt;
    process.stdout.write(`Janus killed: media resumed on every page after ${resumedMs} ms\n`);
    expect(resumedMs).toBeLessThan(10_000);
    expect(janusPid(server)).toBeGreaterThan(0);
  });
});
