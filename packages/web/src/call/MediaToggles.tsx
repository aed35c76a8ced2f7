import { Mic, MicOff, Video, VideoOff } from 'lucide-react';
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
        aria-label={audioOn ? 'Mute' : 'Unmute'}
        disabled={!media.audioTrack || audioBlocked}
        title={audioBlocked ? blockedHint('audio') : `${audioOn ? 'Mute' : 'Unmute'} (Ctrl+D or M)`}
        onClick={engine.toggleAudio}
      >
        {audioOn ? <Mic aria-hidden="true" size={18} /> : <MicOff aria-hidden="true" size={18} />}
        <span className="btn-label">{audioOn ? 'Mute' : 'Unmute'}</span>
      </button>
      <button
        type="button"
        className={className}
        aria-pressed={!videoOn}
        aria-label={videoOn ? 'Turn camera off' : 'Turn camera on'}
        disabled={!media.videoTrack || videoBlocked}
        title={
          videoBlocked
            ? blockedHint('video')
            : `${videoOn ? 'Turn camera off' : 'Turn camera on'} (Ctrl+E or V)`
        }
        onClick={engine.toggleVideo}
      >
        {videoOn ? (
          <Video aria-hidden="true" size={18} />
        ) : (
          <VideoOff aria-hidden="true" size={18} />
        )}
        <span className="btn-label">{videoOn ? 'Turn camera off' : 'Turn camera on'}</span>
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
