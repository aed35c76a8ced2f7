// @vitest-environment jsdom
import type { LoadHistoryResult } from '@minimeet/contract';
import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { msg } from '../test/fixtures';
import { byText, click, render } from '../test/render';
import { MessageList } from './MessageList';
import type { PendingMessage } from './pendingQueue';
import { createTimeline } from './timeline';

const me = { id: 'me', username: 'me' };

async function loadedTimeline(result: LoadHistoryResult) {
  const timeline = createTimeline(() => Promise.resolve(result));
  await timeline.loadLatest();
  return timeline;
}

describe('MessageList', () => {
  let cleanup: (() => void) | undefined;
  afterEach(() => cleanup?.());

  it('renders a log with sent, pending and failed messages, own ones marked', async () => {
    const timeline = await loadedTimeline({
      messages: [
        msg('a', 1, { content: 'from other' }),
        msg('b', 2, { content: 'from me', sender: me }),
      ],
      nextCursor: null,
    });
    const pending: PendingMessage[] = [
      {
        clientMessageId: 'p1',
        roomId: 'room-1',
        content: 'waiting',
        createdAt: '',
        status: 'sending',
      },
      {
        clientMessageId: 'p2',
        roomId: 'room-1',
        content: 'refused',
        createdAt: '',
        status: 'failed',
        errorCode: 'RATE_LIMITED',
      },
    ];
    const onRetry = vi.fn();
    const view = render(
      <MessageList
        timeline={timeline}
        pending={pending}
        selfId="me"
        targetMessageId={null}
        onRetry={onRetry}
        onDiscard={vi.fn()}
      />,
    );
    cleanup = view.unmount;
    const log = view.container.querySelector('[role="log"]')!;
    expect(log).not.toBeNull();
    const items = [...log.querySelectorAll('li[data-status]')].map((li) => [
      li.querySelector('.msg-text')?.textContent,
      li.getAttribute('data-status'),
      li.getAttribute('data-own'),
    ]);
    expect(items).toEqual([
      ['from other', 'sent', 'false'],
      ['from me', 'sent', 'true'],
      ['waiting', 'pending', 'true'],
      ['refused', 'failed', 'true'],
    ]);
    expect(log.textContent).toContain('other');
    expect(log.textContent).toContain('You');
    expect(log.textContent).toContain('You are sending messages too fast');
    expect(log.querySelector('.day-separator [role="heading"]')).not.toBeNull();
    click(byText(view.container, 'button', 'Retry'));
    expect(onRetry).toHaveBeenCalledWith('p2');
  });

  it('shows new live messages as they arrive', async () => {
    const timeline = await loadedTimeline({ messages: [msg('a', 1)], nextCursor: null });
    const view = render(
      <MessageList
        timeline={timeline}
        pending={[]}
        selfId="me"
        targetMessageId={null}
        onRetry={vi.fn()}
        onDiscard={vi.fn()}
      />,
    );
    cleanup = view.unmount;
    act(() => timeline.add(msg('b', 2, { content: 'live one' })));
    expect(view.container.textContent).toContain('live one');
  });

  it('offers older history when there is more', async () => {
    const load = vi.fn((before: string | undefined) =>
      Promise.resolve<LoadHistoryResult>(
        before
          ? { messages: [msg('old', 0, { content: 'older' })], nextCursor: null }
          : { messages: [msg('new', 5)], nextCursor: 'c1' },
      ),
    );
    const timeline = createTimeline(load);
    await timeline.loadLatest();
    const view = render(
      <MessageList
        timeline={timeline}
        pending={[]}
        selfId="me"
        targetMessageId={null}
        onRetry={vi.fn()}
        onDiscard={vi.fn()}
      />,
    );
    cleanup = view.unmount;
    await act(async () => {
      await timeline.loadOlder();
    });
    expect(load).toHaveBeenCalledWith('c1');
    expect(view.container.textContent).toContain('older');
    expect(view.container.textContent).toContain('This is the start of the conversation.');
  });
});
