import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCreateRoom, apiHistory, apiRegister } from './api';
import {
  expectCount,
  launchBrowser,
  messagesWithText,
  openUser,
  participants,
  screenshot,
  sendMessage,
  type UserPage,
} from './browser';
import { ServerHarness } from './harness';

describe('a message sent while the server is down', () => {
  const server = new ServerHarness();
  let browser: Browser;
  let alice: UserPage;
  let bob: UserPage;
  let roomId = '';
  let bobToken = '';
  const text = 'Typed while the server was down';

  beforeAll(async () => {
    await server.start();
    browser = await launchBrowser();
    alice = await openUser(browser, server.url, 'alice');
    bob = await openUser(browser, server.url, 'bob');
    const a = await apiRegister(alice.context.request, 'alice');
    const b = await apiRegister(bob.context.request, 'bob');
    bobToken = b.accessToken;
    const room = await apiCreateRoom(alice.context.request, a.accessToken, 'Resilience');
    roomId = room.id;
    for (const user of [alice, bob]) {
      await user.page.goto(`/join/${room.inviteToken}`);
      await user.page.getByRole('heading', { name: 'Resilience' }).waitFor();
    }
    await participants(alice.page).getByText('bob').waitFor();
    await participants(bob.page).getByText('alice').waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await server.dispose();
  });

  it('shows as pending while disconnected and is delivered exactly once after the restart', async () => {
    await server.stop();
    await alice.page
      .getByRole('status')
      .getByText(/Reconnecting…|Offline/)
      .waitFor();
    await bob.page
      .getByRole('status')
      .getByText(/Reconnecting…|Offline/)
      .waitFor();

    await sendMessage(alice.page, text);
    const mine = messagesWithText(alice.page, text);
    await mine.and(alice.page.locator('[data-status="pending"]')).waitFor();
    await alice.page.getByText('Sending…').waitFor();
    const saved = await alice.page.evaluate(() => JSON.stringify({ ...localStorage }));
    expect(saved).toContain(text); // survives a reload too
    await screenshot(alice.page, 'desktop-room-pending');

    await server.start();
    await alice.page.getByRole('status').getByText('Connected').waitFor({ timeout: 30_000 });
    await mine.and(alice.page.locator('[data-status="sent"]')).waitFor({ timeout: 30_000 });
    await messagesWithText(bob.page, text).waitFor({ timeout: 30_000 });
    // Both re-joined the room after reconnecting: presence is back on the fresh server.
    for (const [user, other] of [
      [alice, 'bob'],
      [bob, 'alice'],
    ] as const) {
      await user.page.locator('.participants[aria-busy="false"]').waitFor();
      await participants(user.page).getByText(other).waitFor();
    }

    // A later message proves the resend is over; the first one is still there once.
    await sendMessage(bob.page, 'Got it');
    await messagesWithText(alice.page, 'Got it').waitFor();
    await expectCount(messagesWithText(bob.page, text), 1, "copies in the other user's log");
    await expectCount(messagesWithText(alice.page, text), 1, "copies in the sender's log");

    const history = await apiHistory(bob.context.request, bobToken, roomId);
    expect(history.items.filter((m) => m.content === text)).toHaveLength(1);

    // The queue is empty: after a reload the message shows once, as sent.
    await alice.page.reload();
    await messagesWithText(alice.page, 'Got it').waitFor();
    await expectCount(messagesWithText(alice.page, text), 1, 'copies after reload');
    expect(await messagesWithText(alice.page, text).getAttribute('data-status')).toBe('sent');
    expect(
      await alice.page.evaluate(() =>
        Object.keys(localStorage).filter((k) => k.startsWith('minimeet.pending.')),
      ),
    ).toEqual([]);
  });
});
