import type { BackgroundEffect } from './effect';
import { paintBackground } from './backgroundImage';
import { createSegmenter } from './segmenter';

/** A camera track with its background changed; `stop()` ends the loop, the track and the model. */
export interface ProcessedCamera {
  track: MediaStreamTrack;
  stop(): void;
}

const SEGMENT_WIDTH = 256;

/**
 * Camera frames -> person mask (on a downscaled copy) -> the person drawn sharp over a blurred
 * copy of the frame (or the bundled image) on a canvas -> `canvas.captureStream(fps)`.
 * Loaded with `import()` only when an effect is turned on.
 */
export async function processCamera(
  source: MediaStreamTrack,
  effect: Exclude<BackgroundEffect, 'none'>,
): Promise<ProcessedCamera> {
  const segmenter = await createSegmenter();
  const settings = source.getSettings();
  const width = settings.width ?? 640;
  const height = settings.height ?? 480;
  const fps = Math.round(settings.frameRate ?? 30);

  const video = document.createElement('video');
  video.muted = true;
  video.playsInline = true;
  video.srcObject = new MediaStream([source]);
  await video.play();

  const small = document.createElement('canvas');
  small.width = SEGMENT_WIDTH;
  small.height = Math.round((SEGMENT_WIDTH * height) / width);
  const smallCtx = small.getContext('2d');
  const out = document.createElement('canvas');
  out.width = width;
  out.height = height;
  const ctx = out.getContext('2d');
  const person = document.createElement('canvas');
  person.width = width;
  person.height = height;
  const personCtx = person.getContext('2d');
  if (!smallCtx || !ctx || !personCtx) {
    await segmenter.close();
    throw new Error('no 2d canvas');
  }
  const backdrop = document.createElement('canvas');
  backdrop.width = width;
  backdrop.height = height;
  const backdropCtx = backdrop.getContext('2d');
  if (effect === 'image' && backdropCtx) paintBackground(backdropCtx, width, height);

  const stream = out.captureStream(fps);
  const track = stream.getVideoTracks()[0];
  if (!track) {
    await segmenter.close();
    throw new Error('no canvas capture');
  }
  track.contentHint = 'motion';

  let running = true;
  let busy = false;
  async function frame(): Promise<void> {
    if (!running || busy || video.readyState < 2) return;
    busy = true;
    try {
      smallCtx!.drawImage(video, 0, 0, small.width, small.height);
      const mask = await segmenter.segment(small);
      if (!running || !mask) return;
      // The person: the mask, then the frame only where the mask is.
      personCtx!.globalCompositeOperation = 'copy';
      personCtx!.filter = 'blur(2px)';
      personCtx!.drawImage(mask, 0, 0, width, height);
      personCtx!.filter = 'none';
      personCtx!.globalCompositeOperation = 'source-in';
      personCtx!.drawImage(video, 0, 0, width, height);
      // The background, then the person over it.
      ctx!.globalCompositeOperation = 'copy';
      if (effect === 'blur') {
        ctx!.filter = 'blur(12px)';
        ctx!.drawImage(video, 0, 0, width, height);
        ctx!.filter = 'none';
      } else {
        ctx!.drawImage(backdrop, 0, 0);
      }
      ctx!.globalCompositeOperation = 'source-over';
      ctx!.drawImage(person, 0, 0);
    } finally {
      busy = false;
    }
  }

  const hasRvfc = 'requestVideoFrameCallback' in HTMLVideoElement.prototype;
  let timer: ReturnType<typeof setTimeout> | undefined;
  function schedule(): void {
    if (!running) return;
    if (hasRvfc) {
      video.requestVideoFrameCallback(() => {
        void frame().finally(schedule);
      });
    } else {
      timer = setTimeout(() => void frame().finally(schedule), 1000 / fps);
    }
  }
  schedule();

  // The camera went away (unplugged): the processed track ends with it.
  source.addEventListener('ended', () => track.stop());

  return {
    track,
    stop: () => {
      running = false;
      clearTimeout(timer);
      track.stop();
      video.pause();
      video.srcObject = null;
      void segmenter.close().catch(() => undefined);
    },
  };
}
