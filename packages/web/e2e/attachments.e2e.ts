/**
 * Issue 10, files and images, in real Chromium: alice attaches an image (its upload progress shows
 * while the network is slowed down), sends it with a caption, and bob sees its thumbnail, opens it
 * full size; a file that is too large is refused with the reason.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCreateRoom, apiRegister } from './api';
import { launchBrowser, messagesWithText, openUser, type UserPage } from './browser';
import { ServerHarness } from './harness';

/** A PNG of random pixels (so it does not compress), drawn by the page itself. */
async function noisePng(user: UserPage, size: number): Promise<Buffer> {
  const base64 = await user.page.evaluate(async (side) => {
    const canvas = document.createElement('canvas');
    canvas.width = side;
    canvas.height = side;
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no canvas');
    const pixels = ctx.createImageData(side, side);
    for (let i = 0; i < pixels.data.length; i++)
      pixels.data[i] = i % 4 === 3 ? 255 : Math.floor(Math.random() * 256);
    ctx.putImageData(pixels, 0, 0);
    const blob = await new Promise<Blob | null>((ok) => canvas.toBlob(ok, 'image/png'));
    if (!blob) throw new Error('no blob');
    const bytes = new Uint8Array(await blob.arrayBuffer());
    let text = '';
    for (const b of bytes) text += String.fromCharCode(b);
    return btoa(text);
  }, size);
  return Buffer.from(base64, 'base64');
}

describe('files and images in real Chromium', () => {
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
    const room = await apiCreateRoom(alice.context.request, auth.accessToken, 'Gallery');
    await alice.page.goto(`/rooms/${room.id}`);
    await bob.page.goto(`/join/${room.inviteToken}`);
    for (const { page } of [alice, bob])
      await page.getByRole('heading', { name: 'Gallery' }).waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await server.dispose();
  });

  it('alice uploads an image with visible progress; bob sees its thumbnail and opens it', async () => {
    const png = await noisePng(alice, 700);
    expect(png.length).toBeGreaterThan(1_000_000);
    // Slow the upload down (about 1 MB/s) so the progress bar is there to see.
    const cdp = await alice.context.newCDPSession(alice.page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: 1024 * 1024,
    });
    await alice.page
      .getByLabel('Files to attach')
      .setInputFiles({ name: 'noise.png', mimeType: 'image/png', buffer: png });
    const bar = alice.page.getByRole('progressbar', { name: 'Uploading noise.png' });
    await bar.waitFor();
    await bar.waitFor({ state: 'detached', timeout: 30_000 });
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: -1,
    });
    await alice.page.getByLabel('Message').fill('A noisy picture');
    await alice.page.getByLabel('Message').press('Enter');

    const message = messagesWithText(bob.page, 'A noisy picture');
    const thumb = message.getByRole('img', { name: 'noise.png' });
    await thumb.waitFor();
    expect(await thumb.getAttribute('src')).toMatch(/^blob:/);
    // The thumbnail really decoded (CSP allows blob: images).
    await expect.poll(() => thumb.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(320);
    await message.getByRole('button', { name: 'Open image noise.png' }).click();
    const full = bob.page.getByRole('dialog', { name: 'noise.png' }).getByRole('img');
    await expect.poll(() => full.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(700);
    await bob.page.getByRole('button', { name: 'Close' }).click();
  });

  it('a file over the size limit is refused with the reason', async () => {
    const big = Buffer.alloc(26_214_401, 1);
    await alice.page
      .getByLabel('Files to attach')
      .setInputFiles({ name: 'huge.bin', mimeType: 'application/octet-stream', buffer: big });
    await alice.page
      .getByRole('alert')
      .filter({ hasText: 'This file is too large to send' })
      .waitFor();
    await alice.page.getByRole('button', { name: 'Remove' }).click();
  });
});
