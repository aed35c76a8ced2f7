// @vitest-environment jsdom
import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { msg } from '../test/fixtures';
import { click, press, render, typeInto } from '../test/render';
import type { MessageActions } from './messageActions';
import { MessageList } from './MessageList';
import { createTimeline } from './timeline';

const me = { id: 'me', username: 'me' };
const bob = { id: 'bob', username: 'bob' };

async function setup() {
  const timeline = createTimeline(() =>
    Promise.resolve({
      messages: [
        msg('a', 1, {
          content: 'from bob',
          sender: bob,
          reactions: [{ emoji: '👍', count: 2, users: [me, bob] }],
        }),
        msg('b', 2, {
          content: 'mine',
          sender: me,
          replyTo: { id: 'a', sender: bob, excerpt: 'from bob' },
        }),
      ],
      nextCursor: null,
    }),
  );
  await timeline.loadLatest();
  const actions: MessageActions = {
    edit: vi.fn(() => Promise.resolve()),
    remove: vi.fn(() => Promise.resolve()),
    react: vi.fn(() => Promise.resolve()),
  };
  const onReply = vi.fn();
  const view = render(
    <MessageList
      timeline={timeline}
      pending={[]}
      selfId="me"
      targetMessageId={null}
      onRetry={vi.fn()}
      onDiscard={vi.fn()}
      actions={actions}
      onReply={onReply}
    />,
  );
  const item = (id: string) => view.container.querySelector(`[data-message-id="${id}"]`)!;
  const button = (id: string, name: string) =>
    item(id).querySelector<HTMLButtonElement>(`button[aria-label^="${name}"]`);
  return { timeline, actions, onReply, view, item, button };
}

describe('message actions', () => {
  let cleanup: (() => void) | undefined;
  afterEach(() => cleanup?.());

  it('offers Edit and Delete on your own messages only; React and Reply on all', async () => {
    const { view, button } = await setup();
    cleanup = view.unmount;
    expect(button('a', 'Edit')).toBeNull();
    expect(button('a', 'Delete')).toBeNull();
    expect(button('a', 'React')).not.toBeNull();
    expect(button('a', 'Reply')).not.toBeNull();
    expect(button('b', 'Edit')).not.toBeNull();
    expect(button('b', 'Delete')).not.toBeNull();
  });

  it('edits inline: Enter saves, Escape cancels', async () => {
    const { view, button, item, actions } = await setup();
    cleanup = view.unmount;
    click(button('b', 'Edit'));
    let box = item('b').querySelector('textarea')!;
    press(box, 'Escape');
    expect(item('b').querySelector('textarea')).toBeNull();
    expect(actions.edit).not.toHaveBeenCalled();
    click(button('b', 'Edit'));
    box = item('b').querySelector('textarea')!;
    typeInto(box, 'mine, fixed');
    await act(async () => {
      press(box, 'Enter');
      await Promise.resolve();
    });
    expect(actions.edit).toHaveBeenCalledWith('b', 'mine, fixed');
  });

  it('shows reaction chips pressed when you reacted, and toggles them', async () => {
    const { view, item, actions } = await setup();
    cleanup = view.unmount;
    const chip = item('a').querySelector('.reaction-chip')!;
    expect(chip.getAttribute('aria-pressed')).toBe('true');
    expect(chip.getAttribute('title')).toBe('Reacted by you, bob');
    await act(async () => {
      click(chip);
      await Promise.resolve();
    });
    expect(actions.react).toHaveBeenCalledWith('a', '👍', false);
  });

  it('starts a reply, quotes the original, and an edit or deletion of it reaches the quote', async () => {
    const { view, button, item, onReply, timeline } = await setup();
    cleanup = view.unmount;
    click(button('a', 'Reply'));
    expect(onReply).toHaveBeenCalledWith(expect.objectContaining({ id: 'a' }));
    expect(item('b').querySelector('.msg-quote')?.textContent).toContain('from bob');
    const original = timeline.getState().messages[0]!;
    act(() => timeline.update({ ...original, content: 'from bob, edited\nmore' }));
    expect(item('b').querySelector('.msg-quote')?.textContent).toContain('from bob, edited');
    act(() => timeline.update({ ...original, content: '', deleted: true, deletedBy: 'author' }));
    expect(item('a').textContent).toContain('Message deleted');
    expect(item('a').textContent).not.toContain('by a moderator');
    expect(item('b').querySelector('.msg-quote')?.textContent).toContain('Message deleted');
  });
});
