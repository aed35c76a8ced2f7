// @vitest-environment jsdom
import type { Attachment } from '@minimeet/contract';
import { MESSAGE_MAX_LENGTH } from '@minimeet/contract';
import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { byText, click, press, render, typeInto } from '../test/render';
import { createUploads, type Uploader } from '../attachments';
import { Composer } from './Composer';

function setup() {
  const onSend = vi.fn();
  const onTyping = vi.fn();
  const onStopTyping = vi.fn();
  const view = render(<Composer onSend={onSend} onTyping={onTyping} onStopTyping={onStopTyping} />);
  const textarea = view.container.querySelector('textarea')!;
  return { ...view, textarea, onSend, onTyping, onStopTyping };
}

describe('Composer', () => {
  let cleanup: (() => void) | undefined;
  afterEach(() => cleanup?.());

  it('is labelled "Message"; Enter sends the trimmed text and clears the box', () => {
    const t = setup();
    cleanup = t.unmount;
    const label = t.container.querySelector(`label[for="${t.textarea.id}"]`);
    expect(label?.textContent).toBe('Message');
    typeInto(t.textarea, '  hello there  ');
    expect(t.onTyping).toHaveBeenCalled();
    press(t.textarea, 'Enter');
    expect(t.onSend).toHaveBeenCalledWith('hello there');
    expect(t.onStopTyping).toHaveBeenCalled();
    expect(t.textarea.value).toBe('');
  });

  it('Shift+Enter does not send (it makes a new line)', () => {
    const t = setup();
    cleanup = t.unmount;
    typeInto(t.textarea, 'line one');
    press(t.textarea, 'Enter', { shiftKey: true });
    expect(t.onSend).not.toHaveBeenCalled();
  });

  it('does not send blank text; the Send button is disabled then', () => {
    const t = setup();
    cleanup = t.unmount;
    const send = byText(t.container, 'button', 'Send') as HTMLButtonElement;
    expect(send.disabled).toBe(true);
    typeInto(t.textarea, '   ');
    press(t.textarea, 'Enter');
    expect(t.onSend).not.toHaveBeenCalled();
    typeInto(t.textarea, 'hi');
    expect(send.disabled).toBe(false);
    click(send);
    expect(t.onSend).toHaveBeenCalledWith('hi');
  });

  it('shows the characters left only near the limit', () => {
    const t = setup();
    cleanup = t.unmount;
    typeInto(t.textarea, 'x'.repeat(100));
    expect(t.container.textContent).not.toMatch(/characters left/);
    typeInto(t.textarea, 'x'.repeat(MESSAGE_MAX_LENGTH - 10));
    expect(t.container.textContent).toMatch(/10 characters left/);
  });
});

describe('Composer with files', () => {
  let cleanup: (() => void) | undefined;
  afterEach(() => cleanup?.());

  function withUploads() {
    let finish: (a: Attachment) => void = () => undefined;
    const uploader: Uploader = (req) => {
      req.onProgress(30, 100);
      return {
        done: new Promise<Attachment>((resolve) => {
          finish = resolve;
        }),
        cancel: vi.fn(),
      };
    };
    const uploads = createUploads({ roomId: 'r', upload: uploader, getToken: () => null });
    const onSend = vi.fn();
    const view = render(
      <Composer onSend={onSend} onTyping={vi.fn()} onStopTyping={vi.fn()} uploads={uploads} />,
    );
    cleanup = view.unmount;
    return { view, uploads, onSend, finish: (a: Attachment) => finish(a) };
  }

  it('shows a progress bar while a file uploads, then sends it with an empty text', async () => {
    const t = withUploads();
    expect(t.view.container.querySelector('button[aria-label="Attach files"]')).toBeTruthy();
    act(() => t.uploads.add([new File(['x'.repeat(100)], 'cat.png')]));
    const bar = t.view.container.querySelector('[role="progressbar"]');
    expect(bar?.getAttribute('aria-valuenow')).toBe('30');
    const send = byText(t.view.container, 'button', 'Send') as HTMLButtonElement;
    expect(send.disabled).toBe(true);
    const file = { id: 'f1', name: 'cat.png', size: 100, contentType: 'image/png', image: null };
    await act(() => {
      t.finish(file);
      return Promise.resolve();
    });
    expect(t.view.container.querySelector('[role="progressbar"]')).toBeNull();
    expect(send.disabled).toBe(false);
    click(send);
    expect(t.onSend).toHaveBeenCalledWith('', [file]);
    expect(t.uploads.getState()).toEqual([]);
  });

  it('pasting a file into the text box attaches it', () => {
    const t = withUploads();
    const textarea = t.view.container.querySelector('textarea')!;
    const paste = new Event('paste', { bubbles: true, cancelable: true });
    Object.defineProperty(paste, 'clipboardData', {
      value: { files: [new File(['x'], 'shot.png')] },
    });
    act(() => {
      textarea.dispatchEvent(paste);
    });
    expect(paste.defaultPrevented).toBe(true);
    expect(t.uploads.getState().map((i) => i.name)).toEqual(['shot.png']);
  });

  it('Cancel takes an upload off the list', () => {
    const t = withUploads();
    act(() => t.uploads.add([new File(['x'], 'big.bin')]));
    click(byText(t.view.container, 'button', 'Cancel'));
    expect(t.view.container.querySelector('[role="progressbar"]')).toBeNull();
    expect(t.uploads.getState()).toEqual([]);
  });
});
