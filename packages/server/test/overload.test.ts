import type { SendMessagePayload } from '@minimeet/contract';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { joinPayload } from './call-helpers';
import { useChatStack } from './chat-context';
import { emitAck, nextEvent, registerUser } from './harness';

describe('overload: chat writes are shed, not queued', () => {
  // Two writes at a time per process: a burst from one tab is more than that.
  const ctx = useChatStack({ OVERLOAD_MAX_IN_FLIGHT: '2' });

  it('a burst gets quick UNAVAILABLE refusals, every accepted message is stored once, and sending works again after', async () => {
    const [alice, bob] = [await registerUser(ctx.base), await registerUser(ctx.base)];
    const room = await ctx.createRoom(alice);
    const a = await ctx.open(alice);
    const b = await ctx.open(bob);
    for (const s of [a, b])
      expect((await emitAck(s, 'joinRoom', joinPayload(room.id))).ok).toBe(true);
    const heard = new Map<string, number>();
    b.on('newMessage', (m) =>
      heard.set(m.clientMessageId, (heard.get(m.clientMessageId) ?? 0) + 1),
    );

    const burst: SendMessagePayload[] = Array.from({ length: 20 }, (_, i) => ({
      roomId: room.id,
      content: `burst ${i}`,
      clientMessageId: randomUUID(),
    }));
    const started = performance.now();
    const acks = await Promise.all(burst.map((p) => emitAck(a, 'sendMessage', p)));
    // Every send was answered (emitAck times out after 5 s), and quickly: nothing waited in a queue.
    expect(performance.now() - started).toBeLessThan(3_000);

    const accepted = burst.filter((_, i) => acks[i]?.ok);
    const refused = acks.flatMap((ack) => (ack.ok ? [] : [ack.error.code]));
    expect(accepted.length).toBeGreaterThan(0);
    expect(refused.length).toBeGreaterThan(0);
    expect(new Set(refused)).toEqual(new Set(['UNAVAILABLE']));

    // After the burst, a refused message sent again (as the web outbox does) goes through.
    const retried = burst.find((_, i) => !acks[i]?.ok) as SendMessagePayload;
    const again = await emitAck(a, 'sendMessage', retried);
    expect(again.ok).toBe(true);
    const last = { roomId: room.id, content: 'after the burst', clientMessageId: randomUUID() };
    const lastHeard = nextEvent(b, 'newMessage', (m) => m.clientMessageId === last.clientMessageId);
    expect((await emitAck(a, 'sendMessage', last)).ok).toBe(true);
    await lastHeard;

    // The room holds the accepted, the retried and the last message, each once, and nothing else.
    const history = await emitAck(a, 'loadMessageHistory', { roomId: room.id, limit: 50 });
    if (!history.ok) throw new Error(history.error.message);
    const expected = [...accepted, retried, last].map((p) => p.clientMessageId).sort();
    expect(history.data.messages.map((m) => m.clientMessageId).sort()).toEqual(expected);
    expect([...heard.keys()].sort()).toEqual(expected);
    expect([...heard.values()].every((n) => n === 1)).toBe(true);
  });
});
