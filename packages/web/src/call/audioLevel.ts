/** Root-mean-square level of audio samples in -1..1, scaled so normal speech reads about 0.2-0.6. */
export function rmsLevel(samples: ArrayLike<number>): number {
  if (samples.length === 0) return 0;
  let sum = 0;
  for (let i = 0; i < samples.length; i += 1) {
    const s = samples[i] ?? 0;
    sum += s * s;
  }
  return Math.min(1, Math.sqrt(sum / samples.length) * 4);
}

let sharedContext: AudioContext | null = null;

function audioContext(): AudioContext | null {
  if (typeof AudioContext === 'undefined') return null;
  sharedContext ??= new AudioContext();
  if (sharedContext.state === 'suspended') void sharedContext.resume().catch(() => undefined);
  return sharedContext;
}

/** Reads the level of a local microphone track with a WebAudio AnalyserNode (nothing is played). */
export class AudioLevelMeter {
  private readonly source: MediaStreamAudioSourceNode | null = null;
  private readonly analyser: AnalyserNode | null = null;
  private readonly buffer: Float32Array<ArrayBuffer>;

  constructor(track: MediaStreamTrack) {
    const ctx = audioContext();
    this.buffer = new Float32Array(512);
    if (!ctx) return;
    this.analyser = ctx.createAnalyser();
    this.analyser.fftSize = 512;
    this.source = ctx.createMediaStreamSource(new MediaStream([track]));
    this.source.connect(this.analyser);
  }

  /** Current level 0..1. */
  level(): number {
    if (!this.analyser) return 0;
    this.analyser.getFloatTimeDomainData(this.buffer);
    return rmsLevel(this.buffer);
  }

  close(): void {
    this.source?.disconnect();
    this.analyser?.disconnect();
  }
}
