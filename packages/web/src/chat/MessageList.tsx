import {
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type UIEvent,
} from 'react';
import { errorMessage } from '../lib/errors';
import { useStore } from '../lib/useStore';
import { toRows } from './dayGroups';
import './messages.css';
import type { ChatMessage } from '@minimeet/contract';
import type { MessageActions } from './messageActions';
import { MessageItem, PendingItem, type MessageHandlers } from './MessageItem';
import type { PendingMessage } from './pendingQueue';
import { firstUnreadId } from './roomReads';
import type { Timeline } from './timeline';

/** How close to an edge (px) counts as "at" it. */
const EDGE = 120;

function findMessage(box: HTMLElement | null, id: string): HTMLElement | undefined {
  if (!box) return undefined;
  return [...box.querySelectorAll<HTMLElement>('[data-message-id]')].find(
    (n) => n.dataset.messageId === id,
  );
}

/**
 * The bottom edge of a message: its sender line can disappear when older messages from the
 * same sender arrive above it (they then share one header), but the bubble stays put.
 */
function bottomOf(node: HTMLElement): number {
  return node.offsetTop + node.offsetHeight;
}

interface Anchor {
  messageId: string;
  offset: number;
}

export interface MessageListProps {
  timeline: Timeline;
  pending: readonly PendingMessage[];
  selfId: string | null;
  /** Our username, highlighted where a message mentions us. */
  selfName?: string | null;
  /** Our read marker when the room opened: "New messages" goes after it (undefined: unknown). */
  unreadAfter?: string | null;
  /** We are looking at the newest message (at the bottom, the tab visible). */
  onSeen?: (messageId: string) => void;
  /** The room, when we may delete anyone's message in it (moderators). */
  moderateIn?: string | null;
  /** Scroll to and highlight this message (from a search result), loading history as needed. */
  targetMessageId: string | null;
  onRetry: (clientMessageId: string) => void;
  onDiscard: (clientMessageId: string) => void;
  /** Edit, delete, react (absent: messages have no actions). */
  actions?: MessageActions;
  /** Starts a reply to the message (with `actions`). */
  onReply?: (message: ChatMessage) => void;
}

export function MessageList({
  timeline,
  pending,
  selfId,
  selfName = null,
  unreadAfter,
  onSeen,
  moderateIn = null,
  targetMessageId,
  onRetry,
  onDiscard,
  actions,
  onReply,
}: MessageListProps) {
  const state = useStore(timeline);
  const rows = useMemo(() => toRows(state.messages), [state.messages]);
  const box = useRef<HTMLDivElement>(null);
  /** The oldest message and where it is on screen, kept while an older page loads. */
  const anchor = useRef<Anchor | null>(null);
  const atBottom = useRef(true);
  const [unseen, setUnseen] = useState(false);
  const [target, setTarget] = useState<{ id: string; found: boolean | null } | null>(null);
  const lastCount = useRef(0);
  const dividerBefore = useMemo(
    () => firstUnreadId(state.messages, unreadAfter, selfId),
    // Placed once when the marker is known: it stays put while we read on.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [unreadAfter, state.loaded],
  );

  // The newest message is seen when we are at the bottom with the tab visible.
  const newestId = state.messages[state.messages.length - 1]?.id;
  const markSeen = useCallback(() => {
    if (newestId && onSeen && atBottom.current && document.visibilityState === 'visible')
      onSeen(newestId);
  }, [newestId, onSeen]);
  useEffect(() => {
    markSeen();
    document.addEventListener('visibilitychange', markSeen);
    return () => document.removeEventListener('visibilitychange', markSeen);
  }, [markSeen]);

  const loadOlder = useCallback(() => {
    const el = box.current;
    const oldest = state.messages[0];
    if (!el || !oldest || state.loadingOlder || state.nextCursor === null) return;
    const node = findMessage(el, oldest.id);
    if (node) anchor.current = { messageId: oldest.id, offset: bottomOf(node) - el.scrollTop };
    void timeline.loadOlder();
  }, [state.messages, state.loadingOlder, state.nextCursor, timeline]);

  // Keep the view still when older messages are added above, follow the bottom otherwise.
  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    const grew = state.messages.length + pending.length > lastCount.current;
    lastCount.current = state.messages.length + pending.length;
    const a = anchor.current;
    if (a) {
      const node = findMessage(el, a.messageId);
      if (node) el.scrollTop = bottomOf(node) - a.offset;
      if (!state.loadingOlder) anchor.current = null;
      return;
    }
    if (target?.found === null) return;
    if (atBottom.current) el.scrollTop = el.scrollHeight;
    else if (grew) setUnseen(true);
  }, [state.messages, state.loadingOlder, pending, target]);

  // The box changes size (the call panel opens above it, the window or a phone keyboard resizes):
  // whoever was at the newest message stays there.
  useEffect(() => {
    const el = box.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => {
      if (atBottom.current) el.scrollTop = el.scrollHeight;
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  // Sending something yourself always brings you to the bottom.
  const pendingCount = pending.length;
  useLayoutEffect(() => {
    if (pendingCount === 0) return;
    atBottom.current = true;
    const el = box.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [pendingCount]);

  // A short history that does not fill the box: fetch more so scrolling up is possible.
  useEffect(() => {
    const el = box.current;
    if (el && state.loaded && !anchor.current && el.scrollHeight <= el.clientHeight + EDGE)
      loadOlder();
  }, [state.loaded, state.messages, loadOlder]);

  // Go to a message: load back to it, then scroll it into the middle.
  const jumpTo = useCallback(
    (id: string) => {
      setTarget({ id, found: null });
      void timeline.ensureMessage(id).then((found) => {
        setTarget({ id, found });
      });
    },
    [timeline],
  );
  // Open at a given message (from a search result), once per target.
  const openedAt = useRef<string | null>(null);
  useEffect(() => {
    if (!targetMessageId || !state.loaded || openedAt.current === targetMessageId) return;
    openedAt.current = targetMessageId;
    jumpTo(targetMessageId);
  }, [targetMessageId, state.loaded, jumpTo]);

  const handlers = useMemo<MessageHandlers | null>(
    () => (actions && onReply ? { actions, onReply, onJump: jumpTo } : null),
    [actions, onReply, jumpTo],
  );

  useLayoutEffect(() => {
    if (!target?.found) return;
    const el = box.current;
    const node = findMessage(el, target.id);
    if (!el || !node) return;
    atBottom.current = false;
    el.scrollTop = node.offsetTop - el.clientHeight / 2 + node.offsetHeight / 2;
  }, [target]);

  const onScroll = (event: UIEvent<HTMLDivElement>) => {
    const el = event.currentTarget;
    atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < EDGE;
    if (atBottom.current) {
      setUnseen(false);
      markSeen();
    }
    if (el.scrollTop < EDGE) loadOlder();
  };

  const jumpToLatest = () => {
    const el = box.current;
    if (!el) return;
    atBottom.current = true;
    setUnseen(false);
    el.scrollTop = el.scrollHeight;
    markSeen();
  };

  return (
    <div className="log-wrap">
      <div
        ref={box}
        className="log"
        role="log"
        aria-label="Conversation"
        tabIndex={0}
        onScroll={onScroll}
      >
        <div className="log-top">
          {!state.loaded && !state.errorCode && <p className="muted">Loading messages…</p>}
          {state.loadingOlder && <p className="muted">Loading older messages…</p>}
          {state.loaded && state.nextCursor !== null && !state.loadingOlder && (
            <button type="button" className="btn btn-small btn-ghost" onClick={loadOlder}>
              Load older messages
            </button>
          )}
          {state.loaded && state.nextCursor === null && (
            <p className="muted">
              {state.messages.length
                ? 'This is the start of the conversation.'
                : 'No messages yet. Say hello!'}
            </p>
          )}
          {state.errorCode && (
            <p className="field-error">{errorMessage(state.errorCode, 'history')}</p>
          )}
          {target?.found === false && (
            <p className="muted">That message could not be found in this room.</p>
          )}
        </div>
        <ol className="messages">
          {rows.flatMap((row) => [
            ...(row.kind === 'message' && row.message.id === dividerBefore
              ? [
                  <li key="unread-divider" className="unread-divider">
                    New messages
                  </li>,
                ]
              : []),
            row.kind === 'day' ? (
              // A list item (a role would take it out of the list); the date reads as a heading.
              <li key={row.key} className="day-separator">
                <span role="heading" aria-level={3}>
                  {row.label}
                </span>
              </li>
            ) : (
              <MessageItem
                key={row.key}
                message={row.message}
                own={row.message.sender.id === selfId}
                selfId={selfId}
                selfName={selfName}
                handlers={handlers}
                moderateIn={moderateIn}
                showHeader={row.showHeader}
                highlighted={target?.found === true && target.id === row.message.id}
              />
            ),
          ])}
          {pending.map((item) => (
            <PendingItem
              key={item.clientMessageId}
              item={item}
              onRetry={onRetry}
              onDiscard={onDiscard}
            />
          ))}
        </ol>
      </div>
      {unseen && (
        <button type="button" className="btn btn-small jump-latest" onClick={jumpToLatest}>
          New messages ↓
        </button>
      )}
    </div>
  );
}
