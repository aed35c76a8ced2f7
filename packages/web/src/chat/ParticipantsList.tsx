import type { Participant } from '@minimeet/contract';

export function ParticipantsList({
  participants,
  selfId,
  stale,
}: {
  participants: readonly Participant[];
  selfId: string | null;
  /** Not joined right now (reconnecting): the list is the last one we saw. */
  stale: boolean;
}) {
  const sorted = [...participants].sort((a, b) =>
    a.userId === selfId ? -1 : b.userId === selfId ? 1 : a.username.localeCompare(b.username),
  );
  return (
    <section
      className={`participants${stale ? ' participants-stale' : ''}`}
      aria-labelledby="participants-title"
      aria-busy={stale}
    >
      <h2 id="participants-title" className="side-title">
        Online <span className="count">{participants.length}</span>
        {stale && <span className="sr-only"> (updating)</span>}
      </h2>
      <ul aria-label="Participants" className="participant-list">
        {sorted.map((p) => (
          <li key={p.userId} className="participant">
            <span className="avatar" aria-hidden="true">
              {p.username.slice(0, 1).toUpperCase()}
            </span>
            <span className="participant-name">{p.username}</span>
            {p.guest && <span className="tag-guest">guest</span>}
            {p.userId === selfId && <span className="muted"> (you)</span>}
            {p.inCall && <span className="badge">in call</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}
