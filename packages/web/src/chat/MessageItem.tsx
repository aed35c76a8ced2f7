import type { ChatMessage } from '@minimeet/contract';
import { memo } from 'react';
import { errorMessage } from '../lib/errors';
import { DeleteMessageButton, MESSAGE_DELETED_TEXT } from '../moderation';
import { formatClock, formatFull } from '../ui/format';
import type { PendingMessage } from './pendingQueue';

export const MessageItem = memo(function MessageItem({
  message,
  own,
  showHeader,
  highlighted,
  moderateIn = null,
}: {
  message: ChatMessage;
  own: boolean;
  showHeader: boolean;
  highlighted: boolean;
  /** The room, when we may delete this message (moderators). */
  moderateIn?: string | null;
}) {
  const classes = [
    'msg',
    own ? 'msg-own' : '',
    showHeader ? 'msg-first' : '',
    highlighted ? 'msg-highlight' : '',
    message.deleted ? 'msg-deleted' : '',
  ];
  return (
    <li
      className={classes.filter(Boolean).join(' ')}
      data-message-id={message.id}
      data-status="sent"
      data-own={own ? 'true' : 'false'}
    >
      {showHeader && <p className="msg-sender">{own ? 'You' : message.sender.username}</p>}
      <div className="msg-bubble">
        {message.deleted ? (
          <p className="msg-text msg-deleted-text">{MESSAGE_DELETED_TEXT}</p>
        ) : (
          <p className="msg-text">{message.content}</p>
        )}
        <time
          className="msg-time"
          dateTime={message.createdAt}
          title={formatFull(message.createdAt)}
        >
          {formatClock(message.createdAt)}
        </time>
      </div>
      {moderateIn && !message.deleted && (
        <DeleteMessageButton roomId={moderateIn} messageId={message.id} />
      )}
    </li>
  );
});

export function PendingItem({
  item,
  onRetry,
  onDiscard,
}: {
  item: PendingMessage;
  onRetry: (clientMessageId: string) => void;
  onDiscard: (clientMessageId: string) => void;
}) {
  const failed = item.status === 'failed';
  return (
    <li
      className={`msg msg-own msg-pending${failed ? ' msg-failed' : ''}`}
      data-client-message-id={item.clientMessageId}
      data-status={failed ? 'failed' : 'pending'}
      data-own="true"
    >
      <div className="msg-bubble">
        <p className="msg-text">{item.content}</p>
        {!failed && <span className="msg-time">Sending…</span>}
      </div>
      {failed && (
        <div className="msg-problem">
          <span>Not sent. {errorMessage(item.errorCode ?? 'UNKNOWN', 'send')}</span>
          <button
            type="button"
            className="btn btn-small"
            onClick={() => onRetry(item.clientMessageId)}
          >
            Retry
          </button>
          <button
            type="button"
            className="btn btn-small btn-ghost"
            onClick={() => onDiscard(item.clientMessageId)}
          >
            Discard
          </button>
        </div>
      )}
    </li>
  );
}
