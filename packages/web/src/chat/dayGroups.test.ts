import { describe, expect, it } from 'vitest';
import { msg } from '../test/fixtures';
import { dayLabel, toRows } from './dayGroups';

describe('toRows', () => {
  const now = new Date(2025, 0, 15, 18, 0);
  const at = (id: string, day: number, hour: number, minute: number, sender = 'u1') =>
    msg(id, 0, {
      createdAt: new Date(2025, 0, day, hour, minute).toISOString(),
      sender: { id: sender, username: sender },
    });

  it("adds a separator per day and groups a sender's close messages", () => {
    const rows = toRows(
      [
        at('a', 14, 9, 0),
        at('b', 14, 9, 2),
        at('c', 14, 9, 30),
        at('d', 15, 8, 0),
        at('e', 15, 8, 1, 'u2'),
      ],
      now,
      'en-GB',
    );
    expect(
      rows.map((r) => (r.kind === 'day' ? `day:${r.label}` : `${r.message.id}:${r.showHeader}`)),
    ).toEqual(['day:Yesterday', 'a:true', 'b:false', 'c:true', 'day:Today', 'd:true', 'e:true']);
  });

  it('labels older days with a date', () => {
    expect(dayLabel(new Date(2025, 0, 10), now, 'en-GB')).toMatch(/^Friday,? 10 January$/);
    expect(dayLabel(new Date(2024, 11, 31), now, 'en-GB')).toMatch(/^Tuesday,? 31 December 2024$/);
  });
});
