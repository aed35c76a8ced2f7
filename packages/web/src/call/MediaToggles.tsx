import { useStore } from '../lib/useStore';
import { blockedHint } from '../moderation';
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
  const { blocked } = useStore(engine.moderation);
  const audioOn = media.audioTrack !== null && media.audioEnabled;
  const videoOn = media.videoTrack !== null && media.videoEnabled;
  const audioBlocked = !audioOn && blocked.includes('audio');
  const videoBlocked = !videoOn && blocked.includes('video');
  return (
    <>
      <button
        type="button"
        className={className}
        aria-pressed={!audioOn}
        disabled={!media.audioTrack || audioBlocked}
        title={audioBlocked ? blockedHint('audio') : undefined}
        onClick={engine.toggleAudio}
      >
        {audioOn ? 'Mute' : 'Unmute'}
      </button>
      <button
        type="button"
        className={className}
        aria-pressed={!videoOn}
        disabled={!media.videoTrack || videoBlocked}
        title={videoBlocked ? blockedHint('video') : undefined}
        onClick={engine.toggleVideo}
      >
        {videoOn ? 'Turn camera off' : 'Turn camera on'}
      </button>
      {(audioBlocked || videoBlocked) && (
        <span className="call-hint">
          {[audioBlocked && blockedHint('audio'), videoBlocked && blockedHint('video')]
            .filter(Boolean)
            .join('; ')}
        </span>
      )}
    </>
  );
}
