/**
 * Issue 10 in real Chromium: a reply quotes the original and jumps to it, reactions with who
 * reacted, an edit and a deletion by the author, each seen live by the other person and kept
 * after a reload.
 */
import type { Browser, Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCreateRoom, apiRegister } from './api';
import { launchBrowser, messagesWithText, openUser, sendMessage, type UserPage } from './browser';
import { ServerHarness } from './harness';

/** A message's own action (the toolbar shows on hover). */
async function act(message: Locator, name: string): Promise<void> {
  await message.hover();
  await message.getByRole('button', { name, exact: true }).click();
}

describe('edit, delete, react and reply in real Chromium', () => {
  const server = new ServerHarness();
  let browser: Browser;
  let alice: UserPage;
  let bob: UserPage;

  beforeAll(async () => {
    await server.start();
    browser = await launchBrowser();
    alice = await openUser(browser, server.url, 'alice');
    bob = await openUser(browser, server.url, 'bob');
    const auth = await apiRegister(alice.context.request, 'alice');
    await apiRegister(bob.context.request, 'bob');
    const room = await apiCreateRoom(alice.context.request, auth.accessToken, 'Kitchen');
    await alice.page.goto(`/rooms/${room.id}`);
    await bob.page.goto(`/join/${room.inviteToken}`);
    for (const { page } of [alice, bob])
      await page.getByRole('heading', { name: 'Kitchen' }).waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await server.dispose();
  });

  it('bob replies to alice; the quote shows on her screen and jumps to the original', async () => {
    await sendMessage(alice.page, 'Lunch at noon?');
    const original = messagesWithText(bob.page, 'Lunch at noon?');
    await act(original, 'Reply');
    await bob.page.getByRole('status', { name: 'Replying' }).getByText('Lunch at noon?').waitFor();
    await sendMessage(bob.page, 'Count me in');
    expect(await bob.page.getByRole('status', { name: 'Replying' }).count()).toBe(0);

    const reply = messagesWithText(alice.page, 'Count me in');
    const quote = reply.getByRole('button', { name: /^Reply to alice: Lunch at noon\?/ });
    await quote.waitFor();
    await quote.click();
    await messagesWithText(alice.page, 'Lunch at noon?')
      .and(alice.page.locator('.msg-highlight'))
      .waitFor();
  });

  it('alice reacts; bob sees who reacted and adds his own', async () => {
    const onAlice = messagesWithText(alice.page, 'Count me in');
    await act(onAlice, 'React');
    await onAlice.getByRole('button', { name: 'React with 🎉' }).click();
    const chipOnBob = messagesWithText(bob.page, 'Count me in').getByRole('button', {
      name: /^🎉 1, reacted by alice$/,
    });
    await chipOnBob.waitFor();
    expect(await chipOnBob.getAttribute('aria-pressed')).toBe('false');
    expect(await chipOnBob.getAttribute('title')).toBe('Reacted by alice');
    await chipOnBob.click();
    const both = messagesWithText(bob.page, 'Count me in').getByRole('button', {
      name: /^🎉 2, reacted by alice, you$/,
    });
    await both.waitFor();
    expect(await both.getAttribute('aria-pressed')).toBe('true');
    await onAlice.getByRole('button', { name: /^🎉 2, reacted by you, bob$/ }).waitFor();
  });

  it('alice edits her message (Escape cancels, Enter saves); bob sees it edited, quote included', async () => {
    const mine = messagesWithText(alice.page, 'Lunch at noon?');
    await act(mine, 'Edit');
    const box = alice.page.getByRole('textbox', { name: 'Edited text' });
    await box.fill('never mind');
    await box.press('Escape');
    await messagesWithText(alice.page, 'Lunch at noon?').waitFor();
    await act(mine, 'Edit');
    await box.fill('Lunch at one?');
    await box.press('Enter');

    const edited = messagesWithText(bob.page, 'Lunch at one?');
    await edited.getByText('(edited)').waitFor();
    await messagesWithText(bob.page, 'Count me in')
      .getByRole('button', { name: /^Reply to alice: Lunch at one\?/ })
      .waitFor();
  });

  it('alice deletes her message; bob sees "Message deleted", also after a reload', async () => {
    const mine = messagesWithText(alice.page, 'Lunch at one?');
    await act(mine, 'Delete');
    await mine.getByRole('button', { name: 'Yes, delete' }).click();
    await messagesWithText(bob.page, 'Message deleted').waitFor();
    expect(await messagesWithText(bob.page, 'Lunch at one?').count()).toBe(0);
    await bob.page.reload();
    await messagesWithText(bob.page, 'Message deleted').waitFor();
    await messagesWithText(bob.page, 'Count me in')
      .getByRole('button', { name: /^Reply to alice: Message deleted/ })
      .waitFor();
    await messagesWithText(bob.page, 'Count me in')
      .getByRole('button', { name: /^🎉 2, reacted by alice, you$/ })
      .waitFor();
  });
});
