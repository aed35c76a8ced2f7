import type { MessageReaction, MessageReactionEmoji } from '@minimeet/contract';

/** A message's reactions: one chip per emoji with its count; pressed when you are among them. */
export function ReactionChips({
  reactions,
  selfId,
  onToggle,
}: {
  reactions: readonly MessageReaction[];
  selfId: string | null;
  onToggle?: (emoji: MessageReactionEmoji, on: boolean) => void;
}) {
  if (reactions.length === 0) return null;
  return (
    <ul className="msg-reactions" aria-label="Reactions">
      {reactions.map((r) => {
        const mine = r.users.some((u) => u.id === selfId);
        const who = r.users.map((u) => (u.id === selfId ? 'you' : u.username)).join(', ');
        return (
          <li key={r.emoji}>
            <button
              type="button"
              className="reaction-chip"
              aria-pressed={mine}
              aria-label={`${r.emoji} ${r.count}, reacted by ${who}`}
              title={`Reacted by ${who}`}
              disabled={!onToggle}
              onClick={() => onToggle?.(r.emoji, !mine)}
            >
              <span aria-hidden="true">{r.emoji}</span> <span aria-hidden="true">{r.count}</span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}
