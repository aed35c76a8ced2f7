import type { Participant } from '@minimeet/contract';

/**
 * What a screen reader should hear when the people in a room change: who came in or left, and
 * who joined or left the call. Yourself excluded; nothing on the first list (the room opening).
 */
export function presenceAnnouncements(
  previous: readonly Participant[] | null,
  next: readonly Participant[],
  selfId: string | null,
): string[] {
  if (previous === null) return [];
  const before = new Map(previous.map((p) => [p.userId, p]));
  const after = new Map(next.map((p) => [p.userId, p]));
  const lines: string[] = [];
  for (const p of next) {
    if (p.userId === selfId) continue;
    const was = before.get(p.userId);
    if (!was) lines.push(`${p.username} joined the room${p.inCall ? ' and the call' : ''}`);
    else if (p.inCall && !was.inCall) lines.push(`${p.username} joined the call`);
    else if (!p.inCall && was.inCall) lines.push(`${p.username} left the call`);
  }
  for (const p of previous) {
    if (p.userId !== selfId && !after.has(p.userId)) lines.push(`${p.username} left the room`);
  }
  return lines;
}
