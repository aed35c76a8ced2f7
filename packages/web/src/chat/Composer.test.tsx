// @vitest-environment jsdom
import { MESSAGE_MAX_LENGTH } from '@minimeet/contract';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { byText, click, press, render, typeInto } from '../test/render';
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
