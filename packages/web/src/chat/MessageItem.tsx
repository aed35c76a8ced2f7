import type { ChatMessage } from '@minimeet/contract';
import { memo, useState } from 'react';
import { AttachmentList } from '../attachments';
import { describeError, errorMessage } from '../lib/errors';
import { DeleteMessageButton, MESSAGE_DELETED_TEXT } from '../moderation';
import { formatClock, formatFull } from '../ui/format';
import type { MessageActions } from './messageActions';
import { MessageEditor } from './MessageEditor';
import { splitSelfMentions } from './mentions';
import { MessageToolbar } from './MessageToolbar';
import type { PendingMessage } from './pendingQueue';
import { ReactionChips } from './ReactionChips';
import { ReplyQuote } from './ReplyQuote';

/** What everyone sees in place of a message its author deleted. */
export const AUTHOR_DELETED_TEXT = 'Message deleted';

/** What a message list lets people do with its messages (absent: a read-only list). */
export interface MessageHandlers {
  actions: MessageActions;
  onReply: (message: ChatMessage) => void;
  onJump: (messageId: string) => void;
}

const deletedText = (m: ChatMessage) =>
  m.deletedBy === 'author' ? AUTHOR_DELETED_TEXT : MESSAGE_DELETED_TEXT;

export const MessageItem = memo(function MessageItem({
  message,
  own,
  selfId = null,
  selfName = null,
  showHeader,
  highlighted,
  moderateIn = null,
  handlers = null,
}: {
  message: ChatMessage;
  own: boolean;
  selfId?: string | null;
  /** Our username: `@us` is highlighted in messages that mention us. */
  selfName?: string | null;
  showHeader: boolean;
  highlighted: boolean;
  /** The room, when we may delete this message (moderators). */
  moderateIn?: string | null;
  handlers?: MessageHandlers | null;
}) {
  const [editing, setEditing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = (work: () => Promise<void>, done?: () => void) => {
    setBusy(true);
    setError(null);
    work()
      .then(() => done?.())
      .catch((e: unknown) => setError(describeError(e)))
      .finally(() => setBusy(false));
  };
  const classes = [
    'msg',
    own ? 'msg-own' : '',
    showHeader ? 'msg-first' : '',
    highlighted ? 'msg-highlight' : '',
    message.deleted ? 'msg-deleted' : '',
  ];
  const live = !message.deleted;
  return (
    <li
      className={classes.filter(Boolean).join(' ')}
      data-message-id={message.id}
      data-status="sent"
      data-own={own ? 'true' : 'false'}
    >
      {showHeader && (
        <p className="msg-sender">
          {own ? 'You' : message.sender.username}
          {message.sender.guest && !own && <span className="tag-guest">guest</span>}
        </p>
      )}
      {message.replyTo && <ReplyQuote quote={message.replyTo} onJump={handlers?.onJump} />}
      {editing && handlers ? (
        <MessageEditor
          initial={message.content}
          busy={busy}
          onCancel={() => setEditing(false)}
          onSave={(content) =>
            run(
              () => handlers.actions.edit(message.id, content),
              () => setEditing(false),
            )
          }
        />
      ) : (
        <div className="msg-bubble">
          {message.deleted ? (
            <p className="msg-text msg-deleted-text">{deletedText(message)}</p>
          ) : (
            message.content && (
              <p className="msg-text">
                <MessageText
                  content={message.content}
                  selfName={selfId && message.mentions.includes(selfId) ? selfName : null}
                />
              </p>
            )
          )}
          {live && <AttachmentList attachments={message.attachments} />}
          {live && message.editedAt && (
            <span className="msg-edited" title={`Edited ${formatFull(message.editedAt)}`}>
              (edited)
            </span>
          )}
          <time
            className="msg-time"
            dateTime={message.createdAt}
            title={formatFull(message.createdAt)}
          >
            {formatClock(message.createdAt)}
          </time>
        </div>
      )}
      {live && (
        <ReactionChips
          reactions={message.reactions}
          selfId={selfId}
          onToggle={
            handlers
              ? (emoji, on) => run(() => handlers.actions.react(message.id, emoji, on))
              : undefined
          }
        />
      )}
      {live && handlers && !editing && (
        <MessageToolbar
          own={own}
          busy={busy}
          onReact={(emoji) => {
            const mine = message.reactions.some(
              (r) => r.emoji === emoji && r.users.some((u) => u.id === selfId),
            );
            run(() => handlers.actions.react(message.id, emoji, !mine));
          }}
          onReply={() => handlers.onReply(message)}
          onEdit={() => setEditing(true)}
          onDelete={() => run(() => handlers.actions.remove(message.id))}
        />
      )}
      {moderateIn && live && !own && (
        <DeleteMessageButton roomId={moderateIn} messageId={message.id} />
      )}
      {error && (
        <p className="msg-problem" role="alert">
          {error}
        </p>
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
      {item.replyTo && <ReplyQuote quote={item.replyTo} />}
      <div className="msg-bubble">
        {item.content && <p className="msg-text">{item.content}</p>}
        {item.attachments && (
          <p className="msg-files">{item.attachments.map((a) => a.name).join(', ')}</p>
        )}
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

/** The text, with mentions of us marked. */
function MessageText({ content, selfName }: { content: string; selfName: string | null }) {
  return splitSelfMentions(content, selfName).map((part, i) =>
    part.self ? (
      <mark key={i} className="mention-self">
        {part.text}
      </mark>
    ) : (
      part.text
    ),
  );
}
