import type { Room } from '@minimeet/contract';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCreateRoom, apiUpdateRoom } from './api';
import { messagesWithText, participants, screenshot, sendMessage } from './browser';
import {
  joinCall,
  launchCallBrowser,
  newCallPage,
  newCallUser,
  startServer,
  tile,
  waitForMediaFrom,
  type CallUser,
} from './call/callKit';
import type { ServerHarness } from './harness';

/**
 * Issue 13, guests: someone with the room link and no account joins with a name only, chats,
 * sees and hears a signed-in member in a call, cannot create rooms, and with guest access off the
 * link asks them to sign in.
 */
describe('guests in real Chromium', () => {
  let server: ServerHarness;
  let browser: Browser;
  let alice: CallUser;
  let guest: Page;
  let room: Room;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchCallBrowser();
    alice = await newCallUser(browser, server.url, 'alice');
    room = await apiCreateRoom(alice.context.request, alice.token, 'Open day');
    guest = (await newCallPage(browser, server.url, 'guest')).page;
    await alice.page.goto(`/rooms/${room.id}`);
    await alice.page.getByRole('button', { name: 'Join call' }).waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  it('a guest joins by the link with a name only and chats; the member sees them marked guest', async () => {
    await guest.goto(`/join/${room.inviteToken}`);
    await guest.getByRole('heading', { name: 'Join Open day' }).waitFor();
    await screenshot(guest, 'guest-join');
    await guest.getByLabel('Your name').fill('Grace Hopper');
    await guest.getByRole('button', { name: 'Join as guest' }).click();
    await guest.waitForURL((url) => url.pathname === `/rooms/${room.id}`);
    await participants(guest).getByText('alice').waitFor();

    const atAlice = participants(alice.page)
      .getByRole('listitem')
      .filter({ hasText: 'Grace Hopper' });
    await atAlice.getByText('guest', { exact: true }).waitFor();
    await sendMessage(guest, 'Hello from a guest');
    await messagesWithText(alice.page, 'Hello from a guest').waitFor();
    await sendMessage(alice.page, 'Welcome, Grace');
    await messagesWithText(guest, 'Welcome, Grace').waitFor();
  });

  it('the guest sees and hears the member in a call', async () => {
    await joinCall(alice);
    await guest.getByRole('button', { name: 'Join call' }).click();
    await guest.getByRole('button', { name: 'Join now' }).click();
    await guest.getByRole('button', { name: 'Leave call' }).waitFor();
    const heard = await waitForMediaFrom(guest, ['alice'], { audio: true });
    expect(heard[0]?.cameraFramesDecoded).toBeGreaterThan(0);
    expect(heard[0]?.audioSamplesReceived).toBeGreaterThan(0);
    await waitForMediaFrom(alice.page, ['Grace Hopper'], { audio: true });
    await tile(guest, 'alice').waitFor();
    await screenshot(guest, 'guest-in-call');
    await guest.getByRole('button', { name: 'Leave call' }).click();
  });

  it('a guest cannot create a room: the error says why', async () => {
    await guest.goto('/');
    await guest.getByRole('button', { name: 'New room' }).click();
    await guest.getByLabel('Room name').fill('My own room');
    await guest.getByRole('button', { name: 'Create', exact: true }).click();
    await guest
      .getByRole('alert')
      .getByText('Guests cannot create rooms: create an account to have your own.')
      .waitFor();
  });

  it('leaving ends the guest session; with guest access off the link asks to sign in', async () => {
    await guest.getByRole('button', { name: 'Leave', exact: true }).click();
    await guest.getByText('You left the room. Your guest session has ended.').waitFor();

    await apiUpdateRoom(alice.context.request, alice.token, room.id, { allowGuests: false });
    await guest.goto(`/join/${room.inviteToken}`);
    await guest.getByText('does not take guests: sign in or create an account to join.').waitFor();
    expect(await guest.getByLabel('Your name').count()).toBe(0);
    await guest.getByRole('button', { name: 'Sign in' }).waitFor();
  });
});
