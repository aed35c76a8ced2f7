/**
 * Issue 9: raise hand and reactions in real Chromium. Three people in a call: hands go up in an
 * order everyone sees (the queue and the badge on each tile), the owner lowers someone's hand,
 * and a reaction shows on the sender's tile for the others. From outside the call, the room list
 * and the room page show that a call is going on and how many are in it.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerHarness } from '../harness';
import {
  callPanel,
  createRoom,
  joinCall,
  launchCallBrowser,
  newCallUser,
  openRoom,
  startServer,
  tile,
  type CallUser,
} from './callKit';

const queue = (page: Page) => callPanel(page).getByRole('region', { name: 'Raised hands' });

async function queueNames(page: Page): Promise<string[]> {
  return queue(page).locator('.hand-name').allTextContents();
}

describe('raise hand and reactions in real Chromium', () => {
  let server: ServerHarness;
  let browser: Browser;
  let owner: CallUser;
  let bea: CallUser;
  let cal: CallUser;
  let roomId = '';

  beforeAll(async () => {
    server = await startServer();
    browser = await launchCallBrowser();
    owner = await newCallUser(browser, server.url, 'host');
    bea = await newCallUser(browser, server.url, 'bea');
    cal = await newCallUser(browser, server.url, 'cal');
    roomId = await createRoom(owner, 'Town hall');
    for (const user of [owner, bea, cal]) {
      await openRoom(user, roomId);
      await joinCall(user);
    }
    await tile(owner.page, 'bea').waitFor();
    await tile(owner.page, 'cal').waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  it('shows everyone the raised hands in the order they went up', async () => {
    await cal.page.getByRole('button', { name: 'Raise hand' }).click();
    await cal.page.getByRole('button', { name: 'Lower hand' }).waitFor();
    await queue(owner.page).getByRole('listitem').first().waitFor();
    await bea.page.getByRole('button', { name: 'Raise hand' }).click();
    for (const user of [owner, bea, cal]) {
      await queue(user.page).getByRole('listitem').nth(1).waitFor();
      expect(await queueNames(user.page)).toEqual(['cal', 'bea']);
    }
    await tile(owner.page, 'cal').getByLabel('Hand raised, number 1').waitFor();
    await tile(owner.page, 'bea').getByLabel('Hand raised, number 2').waitFor();
    // Bea sees her own place on her own tile.
    await tile(bea.page, 'bea').getByLabel('Hand raised, number 2').waitFor();
  });

  it("lets the person lower their hand, and the room's owner lower someone else's", async () => {
    await cal.page.getByRole('button', { name: 'Lower hand' }).click();
    for (const user of [owner, bea, cal])
      await tile(user.page, 'bea').getByLabel('Hand raised, number 1').waitFor();
    expect(await queueNames(cal.page)).toEqual(['bea']);
    // Only the owner has the button; Bea sees her hand go down.
    expect(await queue(cal.page).getByRole('button', { name: "Lower bea's hand" }).count()).toBe(0);
    await queue(owner.page).getByRole('button', { name: "Lower bea's hand" }).click();
    await queue(bea.page).waitFor({ state: 'detached' });
    await bea.page.getByRole('button', { name: 'Raise hand' }).waitFor();
  });

  it('shows a reaction on the sender’s tile for the others', async () => {
    await bea.page.getByRole('button', { name: 'React 🎉' }).click();
    await tile(owner.page, 'bea').getByRole('img', { name: 'Reaction 🎉' }).waitFor();
    await tile(cal.page, 'bea').getByRole('img', { name: 'Reaction 🎉' }).waitFor();
    await tile(bea.page, 'bea').getByRole('img', { name: 'Reaction 🎉' }).waitFor();
  });

  it('shows the call from outside: the room list counts its people, the room page offers to join', async () => {
    const second = await owner.context.newPage();
    try {
      await second.goto('/');
      const row = second.getByRole('link', { name: /Town hall/ });
      await row.getByText('In call: 3').waitFor();
      await second.goto(`/rooms/${roomId}`);
      await second
        .getByRole('status')
        .filter({ hasText: 'A call is going on with 3 people' })
        .waitFor();
      await second.getByRole('button', { name: 'Join call' }).waitFor();
    } finally {
      await second.close();
    }
  });
});
