/**
 * MediaPipe selfie segmentation, loaded from our own origin: the build copies the package's files
 * to `/mediapipe/selfie_segmentation/` (see vite.config.ts), and nothing comes from elsewhere.
 */
export const MEDIAPIPE_BASE = '/mediapipe/selfie_segmentation/';

interface Results {
  segmentationMask: CanvasImageSource;
}

interface SelfieSegmentationApi {
  setOptions(options: { modelSelection: 0 | 1; selfieMode?: boolean }): void;
  onResults(listener: (results: Results) => void): void;
  initialize(): Promise<void>;
  send(input: { image: CanvasImageSource }): Promise<void>;
  close(): Promise<void>;
}

type SelfieSegmentationCtor = new (config: {
  locateFile: (file: string) => string;
}) => SelfieSegmentationApi;

let loading: Promise<SelfieSegmentationCtor> | null = null;

/** Adds the package's loader (a classic script defining a global) once. */
function loadScript(): Promise<SelfieSegmentationCtor> {
  loading ??= new Promise<SelfieSegmentationCtor>((resolve, reject) => {
    const script = document.createElement('script');
    script.src = `${MEDIAPIPE_BASE}selfie_segmentation.js`;
    script.async = true;
    script.onload = () => {
      const ctor = (globalThis as { SelfieSegmentation?: SelfieSegmentationCtor })
        .SelfieSegmentation;
      if (ctor) resolve(ctor);
      else reject(new Error('selfie segmentation did not load'));
    };
    script.onerror = () => reject(new Error('selfie segmentation did not load'));
    document.head.append(script);
  }).catch((error: unknown) => {
    loading = null;
    throw error;
  });
  return loading;
}

/** One segmenter: a frame in, the person mask out. */
export interface Segmenter {
  segment(frame: CanvasImageSource): Promise<CanvasImageSource | null>;
  close(): Promise<void>;
}

export async function createSegmenter(): Promise<Segmenter> {
  const Ctor = await loadScript();
  const solution = new Ctor({ locateFile: (file) => `${MEDIAPIPE_BASE}${file}` });
  // The landscape model (1) is the faster one, made for video calls.
  solution.setOptions({ modelSelection: 1 });
  let mask: CanvasImageSource | null = null;
  solution.onResults((results) => {
    mask = results.segmentationMask;
  });
  await solution.initialize();
  return {
    segment: async (frame) => {
      await solution.send({ image: frame });
      return mask;
    },
    close: () => solution.close(),
  };
}
