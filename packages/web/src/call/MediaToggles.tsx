import type { CallEngine } from './callEngine';
import type { LocalMediaState } from './localMedia';

/** The microphone and camera toggles, shared by the device check and the in-call controls. */
export function MediaToggles({
  engine,
  media,
  className,
}: {
  engine: CallEngine;
  media: LocalMediaState;
  className: string;
}) {
  const audioOn = media.audioTrack !== null && media.audioEnabled;
  const videoOn = media.videoTrack !== null && media.videoEnabled;
  return (
    <>
      <button
        type="button"
        className={className}
        aria-pressed={!audioOn}
        disabled={!media.audioTrack}
        onClick={engine.toggleAudio}
      >
        {audioOn ? 'Mute' : 'Unmute'}
      </button>
      <button
        type="button"
        className={className}
        aria-pressed={!videoOn}
        disabled={!media.videoTrack}
        onClick={engine.toggleVideo}
      >
        {videoOn ? 'Turn camera off' : 'Turn camera on'}
      </button>
    </>
  );
}
