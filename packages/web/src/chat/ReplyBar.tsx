import type { ChatMessage } from '@minimeet/contract';

/** Above the composer while writing a reply: whom and what it answers, and a way out. */
export function ReplyBar({ to, onCancel }: { to: ChatMessage; onCancel: () => void }) {
  const firstLine = to.content.split('\n', 1)[0] ?? '';
  return (
    <div className="reply-bar" role="status" aria-label="Replying">
      <span className="reply-bar-text">
        Replying to <strong>{to.sender.username}</strong>: {firstLine}
      </span>
      <button type="button" className="btn btn-small btn-ghost" onClick={onCancel}>
        Cancel reply
      </button>
    </div>
  );
}
