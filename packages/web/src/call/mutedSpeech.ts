/**
 * Notices someone talking while their microphone is muted, from the level of the (still open)
 * microphone: enough loud samples within the last second raise the hint (speech has gaps between
 * syllables, so they need not be in a row), and a quiet spell lowers it again.
 */
export class MutedSpeechDetector {
  private readonly recent: boolean[] = [];
  private lastLoudAt = -Infinity;
  private speaking = false;

  constructor(
    private readonly options: {
      /** Level (0..1) that counts as speech. */
      threshold: number;
      /** How many of the last samples are looked at. */
      window: number;
      /** Loud samples among them before the hint shows. */
      loudInWindow: number;
      /** Quiet time after the last loud sample before it goes (ms). */
      holdMs: number;
    } = { threshold: 0.1, window: 10, loudInWindow: 4, holdMs: 2500 },
  ) {}

  /** Feeds one sample; returns whether the person seems to be talking while muted. */
  sample(level: number, muted: boolean, now: number): boolean {
    if (!muted) {
      this.recent.length = 0;
      this.speaking = false;
      return false;
    }
    const loud = level >= this.options.threshold;
    this.recent.push(loud);
    if (this.recent.length > this.options.window) this.recent.shift();
    if (loud) this.lastLoudAt = now;
    if (this.recent.filter(Boolean).length >= this.options.loudInWindow) this.speaking = true;
    else if (now - this.lastLoudAt > this.options.holdMs) this.speaking = false;
    return this.speaking;
  }
}
