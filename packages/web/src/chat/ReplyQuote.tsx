import type { ReplyQuote as Quote } from '@minimeet/contract';

/** The quoted original above a reply; clicking it jumps to the original. */
export function ReplyQuote({ quote, onJump }: { quote: Quote; onJump?: (id: string) => void }) {
  const text = quote.deleted ? 'Message deleted' : quote.excerpt;
  const body = (
    <>
      <span className="msg-quote-author">{quote.sender.username}</span>
      <span className={quote.deleted ? 'msg-quote-text msg-deleted-text' : 'msg-quote-text'}>
        {text}
      </span>
    </>
  );
  if (!onJump) return <div className="msg-quote">{body}</div>;
  return (
    <button
      type="button"
      className="msg-quote"
      aria-label={`Reply to ${quote.sender.username}: ${text}. Show the original`}
      onClick={() => onJump(quote.id)}
    >
      {body}
    </button>
  );
}
