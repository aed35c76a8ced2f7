import { useStore } from '../lib/useStore';
import { blockedHint, EndCallButton } from '../moderation';
import type { CallEngine } from './callEngine';
import type { LocalMediaState } from './localMedia';
import { mediaProblemMessage } from './mediaErrors';
import { HandControls } from './HandControls';
import { DeviceSettings } from './DeviceSettings';
import { useSpeakingWhileMuted } from './hooks';
import { MediaToggles } from './MediaToggles';

/** Mute, camera, screen share, hand, reactions and leave. A control without a device is disabled. */
export function CallControls({
  engine,
  media,
  onLeave,
  canModerate = false,
}: {
  engine: CallEngine;
  media: LocalMediaState;
  onLeave: () => void;
  canModerate?: boolean;
}) {
  const moderation = useStore(engine.moderation);
  const speakingMuted = useSpeakingWhileMuted(media.audioTrack, !media.audioEnabled);
  const sharing = media.screen !== null;
  const screenBlocked = !sharing && moderation.blocked.includes('screen');
  const canShare =
    typeof navigator !== 'undefined' &&
    typeof navigator.mediaDevices?.getDisplayMedia === 'function';
  return (
    <div className="call-controls" role="group" aria-label="Call controls">
      <MediaToggles engine={engine} media={media} className="btn" />
      {canShare && (
        <button
          type="button"
          className="btn"
          aria-pressed={sharing}
          disabled={screenBlocked}
          title={screenBlocked ? blockedHint('screen') : undefined}
          onClick={() => (sharing ? engine.stopScreenShare() : void engine.startScreenShare())}
        >
          {sharing ? 'Stop sharing' : 'Share screen'}
        </button>
      )}
      <DeviceSettings engine={engine} media={media} />
      <HandControls hands={engine.hands} />
      <button type="button" className="btn btn-danger" onClick={onLeave}>
        Leave call
      </button>
      {canModerate && <EndCallButton roomId={engine.roomId} />}
      {speakingMuted && (
        <p role="status" className="call-notice">
          You are muted: unmute to be heard.
        </p>
      )}
      {media.deviceNotice && (
        <p role="status" className="call-notice">
          {media.deviceNotice}{' '}
          <button
            type="button"
            className="btn btn-ghost btn-small"
            onClick={engine.media.dismissDeviceNotice}
          >
            OK
          </button>
        </p>
      )}
      {moderation.notice && (
        <p role="status" className="call-notice moderation-notice">
          {moderation.notice}
        </p>
      )}
      {media.screenProblem && media.screenProblem !== 'permission-denied' && (
        <p role="alert" className="call-notice">
          {mediaProblemMessage('video', media.screenProblem).replace('camera', 'screen')}
        </p>
      )}
    </div>
  );
}
