import { REACTION_EMOJI } from '@minimeet/contract';
import { useState } from 'react';
import { errorMessage, toAppError } from '../lib/errors';
import { useStore } from '../lib/useStore';
import type { Hands } from './hands';

/** Raise or lower your hand, and send a reaction to everyone's tile of you. */
export function HandControls({ hands }: { hands: Hands }) {
  const raised = useStore(hands).position !== null;
  const [problem, setProblem] = useState<string | null>(null);
  const run = (work: Promise<void>) => {
    setProblem(null);
    work.catch((e: unknown) => setProblem(errorMessage(toAppError(e).code)));
  };
  return (
    <>
      <button
        type="button"
        className="btn"
        aria-pressed={raised}
        onClick={() => run(raised ? hands.lower() : hands.raise())}
      >
        {raised ? 'Lower hand' : 'Raise hand'}
      </button>
      <span className="call-reactions" role="group" aria-label="Reactions">
        {REACTION_EMOJI.map((emoji) => (
          <button
            key={emoji}
            type="button"
            className="btn"
            aria-label={`React ${emoji}`}
            onClick={() => run(hands.react(emoji))}
          >
            {emoji}
          </button>
        ))}
      </span>
      {problem && (
        <p role="alert" className="call-notice">
          {problem}
        </p>
      )}
    </>
  );
}

/** The raised hands in order, for everyone in the call; a moderator can lower any of them. */
export function HandQueue({ hands, canLowerOthers }: { hands: Hands; canLowerOthers: boolean }) {
  const { hands: queue, position } = useStore(hands);
  if (queue.length === 0) return null;
  return (
    <section className="hand-queue" aria-label="Raised hands">
      <h3>Raised hands</h3>
      <ol>
        {queue.map((h, i) => (
          <li key={h.userId}>
            <span className="hand-name">{h.username}</span>
            {canLowerOthers && position !== i + 1 && (
              <button
                type="button"
                className="btn btn-small"
                aria-label={`Lower ${h.username}'s hand`}
                onClick={() => void hands.lower(h.userId).catch(() => undefined)}
              >
                Lower
              </button>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
