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

  // The background blur is drawn on a quarter-size copy and scaled up: far cheaper than a large
  // blur radius at full size, and it looks the same.
  const blurred = document.createElement('canvas');
  blurred.width = Math.max(1, Math.round(width / 4));
  blurred.height = Math.max(1, Math.round(height / 4));
  const blurredCtx = blurred.getContext('2d');
  if (blurredCtx) blurredCtx.filter = 'blur(3px)';

  let running = true;
  let segmenting = false;
  /** The last person mask, copied (the model's own mask is only valid until its next run). */
  const maskCanvas = document.createElement('canvas');
  maskCanvas.width = small.width;
  maskCanvas.height = small.height;
  const maskCtx = maskCanvas.getContext('2d');
  let mask: CanvasImageSource | null = null;

  /** Segments a downscaled copy of the frame; frames in between reuse the last mask. */
  function segment(): void {
    if (segmenting) return;
    segmenting = true;
    smallCtx!.drawImage(video, 0, 0, small.width, small.height);
    segmenter
      .segment(small)
      .then((m) => {
        if (!m || !maskCtx) return;
        maskCtx.globalCompositeOperation = 'copy';
        maskCtx.drawImage(m, 0, 0, maskCanvas.width, maskCanvas.height);
        mask = maskCanvas;
      })
      .catch(() => undefined)
      .finally(() => {
        segmenting = false;
      });
  }

  /** One output frame: the background, then the person (the frame where the mask is) over it. */
  function frame(): void {
    if (!running || video.readyState < 2) return;
    segment();
    if (!mask) return;
    personCtx!.globalCompositeOperation = 'copy';
    personCtx!.drawImage(mask, 0, 0, width, height);
    personCtx!.globalCompositeOperation = 'source-in';
    personCtx!.drawImage(video, 0, 0, width, height);
    ctx!.globalCompositeOperation = 'copy';
    if (effect === 'blur' && blurredCtx) {
      blurredCtx.drawImage(video, 0, 0, blurred.width, blurred.height);
      ctx!.drawImage(blurred, 0, 0, width, height);
    } else {
      ctx!.drawImage(backdrop, 0, 0);
    }
    ctx!.globalCompositeOperation = 'source-over';
    ctx!.drawImage(person, 0, 0);
  }

  const hasRvfc = 'requestVideoFrameCallback' in HTMLVideoElement.prototype;
  let timer: ReturnType<typeof setTimeout> | undefined;
  function schedule(): void {
    if (!running) return;
    if (hasRvfc) {
      video.requestVideoFrameCallback(() => {
        frame();
        schedule();
      });
    } else {
      timer = setTimeout(() => {
        frame();
        schedule();
      }, 1000 / fps);
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
