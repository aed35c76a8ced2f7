import { describe, expect, it } from 'vitest';
import { MutedSpeechDetector } from './mutedSpeech';

describe('MutedSpeechDetector', () => {
  const feed = (d: MutedSpeechDetector, levels: number[], muted = true, start = 0) =>
    levels.map((level, i) => d.sample(level, muted, start + i * 100));

  it('raises the hint after a few loud samples within a second, gaps allowed', () => {
    const d = new MutedSpeechDetector();
    expect(feed(d, [0.3, 0.01, 0.3, 0.01, 0.3])).toEqual([false, false, false, false, false]);
    expect(d.sample(0.3, true, 500)).toBe(true);
  });

  it('ignores a lone click or cough', () => {
    const d = new MutedSpeechDetector();
    expect(feed(d, [0.9, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0.9, 0, 0]).some(Boolean)).toBe(false);
  });

  it('keeps it through short pauses and lowers it after a quiet spell', () => {
    const d = new MutedSpeechDetector();
    feed(d, [0.4, 0.4, 0.4, 0.4]);
    expect(d.sample(0.01, true, 1000)).toBe(true);
    expect(d.sample(0.01, true, 2000)).toBe(true);
    expect(feed(d, new Array<number>(10).fill(0.01), true, 3000).at(-1)).toBe(false);
  });

  it('never says so when the microphone is on', () => {
    const d = new MutedSpeechDetector();
    expect(feed(d, [0.9, 0.9, 0.9, 0.9, 0.9], false).some(Boolean)).toBe(false);
  });
});
