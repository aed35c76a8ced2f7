import { useQuery } from '@tanstack/react-query';
import type { CallEngine } from './callEngine';
import { callNoticeMessage } from './callMessages';
import type { CallSnapshot } from './callState';
import { callApi, calls } from '../app/calls';
import { DevicePickers } from './DevicePickers';
import { useMediaStream, useMicLevel } from './hooks';
import { LevelMeter } from './LevelMeter';
import type { LocalMediaState } from './localMedia';
import { mediaProblemMessage } from './mediaErrors';
import { MediaToggles } from './MediaToggles';

/** Device check before joining: preview, microphone level, device choice, join muted or without video. */
export function PreJoinPanel({
  engine,
  call,
  media,
}: {
  engine: CallEngine;
  call: CallSnapshot;
  media: LocalMediaState;
}) {
  const videoRef = useMediaStream<HTMLVideoElement>(media.videoTrack ? media.stream : null);
  const level = useMicLevel(media.audioTrack, media.audioEnabled);
  const joining = call.phase === 'joining';
  const limits = useQuery({
    queryKey: ['call-limits'],
    queryFn: callApi.limits,
    staleTime: 5 * 60_000,
  }).data;
  const videoOn = media.videoTrack !== null && media.videoEnabled;
  const problems = [
    media.videoProblem && mediaProblemMessage('video', media.videoProblem),
    media.audioProblem && mediaProblemMessage('audio', media.audioProblem),
  ].filter((p): p is string => Boolean(p));

  return (
    <div className="prejoin" role="region" aria-label="Check your camera and microphone">
      <div className="prejoin-preview">
        <video
          ref={videoRef}
          className="mirror"
          autoPlay
          playsInline
          muted
          hidden={!videoOn}
          aria-label="Camera preview"
        />
        {!videoOn && (
          <p className="prejoin-placeholder">
            {media.acquiring
              ? 'Starting camera…'
              : media.videoTrack
                ? 'Camera off'
                : media.videoProblem === 'permission-denied'
                  ? 'Camera blocked'
                  : 'No camera'}
          </p>
        )}
      </div>
      <div className="prejoin-side">
        {problems.map((p) => (
          <p key={p} role="alert" className="note note-error">
            {p}
          </p>
        ))}
        {media.audioTrack && <LevelMeter level={level} label="Microphone level" />}
        <div className="prejoin-toggles">
          <MediaToggles engine={engine} media={media} className="btn btn-small" />
        </div>
        <div className="prejoin-devices">
          <DevicePickers engine={engine} media={media} />
        </div>
        {limits && !limits.sfu && (
          <p className="muted">
            Calls on this server are limited to {limits.meshMax} people (no media server).
          </p>
        )}
        {call.notice && (
          <p role="alert" className="note note-error">
            {callNoticeMessage(call.notice)}
          </p>
        )}
        {!media.acquiring && !media.audioTrack && !media.videoTrack && (
          <p className="muted">
            You can still join without a camera or microphone, to see and hear the others.
          </p>
        )}
        <div className="form-actions">
          <button type="button" className="btn" onClick={engine.cancelPreJoin} disabled={joining}>
            Cancel
          </button>
          <button
            type="button"
            className="btn btn-primary"
            disabled={joining}
            onClick={() => void calls.join(engine.roomId)}
          >
            {joining ? 'Joining…' : 'Join now'}
          </button>
        </div>
      </div>
    </div>
  );
}
