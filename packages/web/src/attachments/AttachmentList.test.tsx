// @vitest-environment jsdom
import type { Attachment } from '@minimeet/contract';
import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { byText, click, render } from '../test/render';
import { AttachmentList } from './AttachmentList';

const blobs = vi.hoisted(() => ({
  fetchBlobUrl: vi.fn((path: string) => Promise.resolve(`blob:${path}`)),
  saveFile: vi.fn(() => Promise.resolve()),
  releaseBlobUrl: vi.fn(),
}));
vi.mock('./blobs', () => blobs);

const image: Attachment = {
  id: 'img-1',
  name: 'photo.png',
  size: 2048,
  contentType: 'image/png',
  image: { width: 800, height: 600 },
};
const pdf: Attachment = {
  id: 'doc-1',
  name: 'report.pdf',
  size: 3 * 1024 * 1024,
  contentType: 'application/pdf',
  image: null,
};

describe('AttachmentList', () => {
  let cleanup: (() => void) | undefined;
  afterEach(() => {
    cleanup?.();
    vi.clearAllMocks();
  });

  it('shows an image as its thumbnail that opens the full image', async () => {
    const view = render(<AttachmentList attachments={[image]} />);
    cleanup = view.unmount;
    await act(() => Promise.resolve());
    const img = view.container.querySelector('img');
    expect(img?.getAttribute('src')).toBe('blob:/api/attachments/img-1/thumbnail');
    expect(img?.getAttribute('alt')).toBe('photo.png');
    click(view.container.querySelector('button[aria-label="Open image photo.png"]'));
    await act(() => Promise.resolve());
    const dialog = view.container.querySelector('dialog');
    expect(dialog?.querySelector('img')?.getAttribute('src')).toBe('blob:/api/attachments/img-1');
  });

  it('shows another file as a card with its name, size and a Download button', async () => {
    const view = render(<AttachmentList attachments={[pdf]} />);
    cleanup = view.unmount;
    expect(byText(view.container, 'span', 'report.pdf')).toBeTruthy();
    expect(byText(view.container, 'span', '3.0 MB')).toBeTruthy();
    expect(view.container.querySelector('img')).toBeNull();
    click(byText(view.container, 'button', 'Download'));
    await act(() => Promise.resolve());
    expect(blobs.saveFile).toHaveBeenCalledWith('/api/attachments/doc-1', 'report.pdf');
  });

  it('shows nothing for a message without files', () => {
    const view = render(<AttachmentList attachments={[]} />);
    cleanup = view.unmount;
    expect(view.container.innerHTML).toBe('');
  });
});
