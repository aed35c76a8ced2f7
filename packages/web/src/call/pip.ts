/**
 * Picture-in-picture while the tab is hidden: the video on the stage (a pinned tile or a shared
 * screen), else the active speaker's, floats above other windows until the tab is shown again.
 * Browsers may refuse without a recent user gesture: then nothing happens.
 */
export function canPictureInPicture(): boolean {
  return typeof document !== 'undefined' && document.pictureInPictureEnabled === true;
}

/** The video worth floating: the stage, else the speaking remote tile, else any remote video. */
function pickVideo(root: ParentNode): HTMLVideoElement | null {
  const selectors = [
    '.call-stage .tile:not(.is-local) video:not([hidden])',
    '.tile.is-speaking:not(.is-local) video:not([hidden])',
    '.tile:not(.is-local) video:not([hidden])',
  ];
  for (const s of selectors) {
    const video = root.querySelector<HTMLVideoElement>(s);
    if (video && video.readyState >= 1) return video;
  }
  return null;
}

/** Follows the tab's visibility for the call under `root`; returns the clean-up. */
export function followVisibility(root: ParentNode): () => void {
  if (!canPictureInPicture()) return () => undefined;
  const onChange = () => {
    if (document.visibilityState === 'hidden') {
      if (document.pictureInPictureElement) return;
      pickVideo(root)
        ?.requestPictureInPicture()
        .catch(() => undefined);
    } else if (document.pictureInPictureElement) {
      document.exitPictureInPicture().catch(() => undefined);
    }
  };
  document.addEventListener('visibilitychange', onChange);
  return () => document.removeEventListener('visibilitychange', onChange);
}
