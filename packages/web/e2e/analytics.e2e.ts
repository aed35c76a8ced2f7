import type { Browser, Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCreateRoom, apiRegister } from './api';
import { launchBrowser, openUser, screenshot, type UserPage } from './browser';
import { ServerHarness } from './harness';
import { registerScribes, seedCall, seedMessages } from './seed';
import { waitFor } from './waitFor';

/** Every chart under `scope` has drawn its canvas, and together they show values. */
async function expectCharts(scope: Locator, count: number): Promise<void> {
  const charts = scope.locator('figure.chart');
  await waitFor(async () => (await charts.count()) === count, {
    message: `expected ${count} charts`,
  });
  for (let i = 0; i < count; i++) {
    const canvas = charts.nth(i).locator('canvas');
    await canvas.waitFor();
    const box = await canvas.boundingBox();
    expect(box?.width ?? 0).toBeGreaterThan(200);
    expect(box?.height ?? 0).toBeGreaterThan(100);
  }
  const points = await charts.evaluateAll((figures) =>
    figures.map((f) => Number(f.getAttribute('data-points'))),
  );
  expect(points.every((n) => n > 0)).toBe(true);
  // Something was drawn: the plot canvas is not blank.
  const painted = await charts
    .first()
    .locator('canvas')
    .evaluate((c: HTMLCanvasElement) => {
      const data = c.getContext('2d')?.getImageData(0, 0, c.width, c.height).data ?? [];
      for (let i = 3; i < data.length; i += 4) if (data[i] !== 0) return true;
      return false;
    });
  expect(painted).toBe(true);
}

describe('analytics pages', () => {
  const server = new ServerHarness();
  let browser: Browser;
  let olga: UserPage;
  let roomId = '';
  let callId = '';
  const previousAdmins = process.env.ADMIN_USERNAMES;

  beforeAll(async () => {
    process.env.ADMIN_USERNAMES = 'olga';
    await server.start();
    browser = await launchBrowser();
    olga = await openUser(browser, server.url, 'olga');
    const auth = await apiRegister(olga.context.request, 'olga');
    const room = await apiCreateRoom(olga.context.request, auth.accessToken, 'Weekly sync');
    roomId = room.id;
    const [peter, ...scribes] = await registerScribes(server.url, 2);
    await seedMessages(server.url, [auth.accessToken, ...scribes], room, ['a', 'b', 'c', 'd']);
    callId = await seedCall(server.url, [auth.accessToken, peter as string], room);
  });

  afterAll(async () => {
    if (previousAdmins === undefined) delete process.env.ADMIN_USERNAMES;
    else process.env.ADMIN_USERNAMES = previousAdmins;
    await browser?.close();
    await server.dispose();
  });

  it("the owner opens the room's dashboard from the room header: charts with the day's numbers", async () => {
    const { page } = olga;
    await page.goto(`/rooms/${roomId}`);
    await page.getByRole('link', { name: 'Analytics' }).click();
    await page.waitForURL(`**/rooms/${roomId}/analytics`);
    await page.getByRole('heading', { name: 'Room analytics' }).waitFor();
    const totals = page.getByLabel('Totals');
    await totals.waitFor();
    expect(await totals.innerText()).toMatch(/Messages\s+4\s+Calls\s+1/);
    await expectCharts(page.locator('.analytics'), 3);
    await screenshot(page, 'analytics-room');
  });

  it("a call's quality timeline opens from the call history, a line per participant", async () => {
    const { page } = olga;
    await page.goto(`/rooms/${roomId}`);
    await page.getByRole('link', { name: 'Quality' }).first().click();
    await page.waitForURL(`**/calls/${callId}/quality`);
    await page.getByRole('heading', { name: 'Call quality' }).waitFor();
    const people = page.getByRole('list', { name: 'Participants' });
    await waitFor(async () => /olga: 3 samples/.test(await people.innerText()), {
      message: 'participants with their samples',
    });
    await expectCharts(page.locator('.analytics'), 4);
    // uPlot's legend names each participant's series.
    const legend = await page.locator('.u-legend').first().innerText();
    expect(legend).toContain('olga');
    await screenshot(page, 'analytics-call-quality');
  });

  it('an administrator sees the server overview', async () => {
    const { page } = olga;
    await page.goto('/');
    await page.getByRole('link', { name: 'Admin' }).click();
    await page.getByRole('heading', { name: 'Server overview' }).waitFor();
    const now = page.getByLabel('Now');
    await now.waitFor();
    expect(await now.innerText()).toMatch(/Accounts\s+3/);
    await expectCharts(page.locator('.analytics'), 2);
  });
});
