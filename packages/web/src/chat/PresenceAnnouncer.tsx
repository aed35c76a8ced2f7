import type { Participant } from '@minimeet/contract';
import { useEffect, useRef, useState } from 'react';
import { presenceAnnouncements } from './presenceAnnouncements';

/** A visually hidden live region: screen readers hear who joined or left the room or its call. */
export function PresenceAnnouncer({
  participants,
  selfId,
  live,
}: {
  participants: readonly Participant[];
  selfId: string | null;
  /** False while reconnecting: the list is stale and its changes are not news. */
  live: boolean;
}) {
  const previous = useRef<readonly Participant[] | null>(null);
  const [message, setMessage] = useState('');
  useEffect(() => {
    if (!live) {
      previous.current = null;
      return;
    }
    const lines = presenceAnnouncements(previous.current, participants, selfId);
    previous.current = participants;
    if (lines.length > 0) setMessage(lines.join('. '));
  }, [participants, selfId, live]);
  return (
    <div className="sr-only" role="status" aria-live="polite" data-testid="presence-announcer">
      {message}
    </div>
  );
}
