import {
  Eye,
  EyeOff,
  Keyboard,
  Maximize,
  MessageSquare,
  Minimize,
  MonitorOff,
  MonitorUp,
  PhoneOff,
} from 'lucide-react';
import { useStore } from '../lib/useStore';
import { blockedHint, EndCallButton } from '../moderation';
import type { CallEngine } from './callEngine';
import type { LocalMediaState } from './localMedia';
import { mediaProblemMessage } from './mediaErrors';
import { HandControls } from './HandControls';
import { DeviceSettings } from './DeviceSettings';
import { useSpeakingWhileMuted } from './hooks';
import { MediaToggles } from './MediaToggles';

export interface CallChromeProps {
  /** Full screen of the whole call, when the browser has it. */
  fullscreen: { on: boolean; toggle: () => void } | undefined;
}

/** Mute, camera, screen share, hand, reactions, chat, view and leave. Icons named for everyone. */
export function CallControls({
  engine,
  media,
  onLeave,
  canModerate = false,
  fullscreen,
}: {
  engine: CallEngine;
  media: LocalMediaState;
  onLeave: () => void;
  canModerate?: boolean;
} & CallChromeProps) {
  const moderation = useStore(engine.moderation);
  const speakingMuted = useSpeakingWhileMuted(media.audioTrack, !media.audioEnabled);
  const view = useStore(engine.view);
  const sharing = media.screen !== null;
  const screenBlocked = !sharing && moderation.blocked.includes('screen');
  const canShare =
    typeof navigator !== 'undefined' &&
    typeof navigator.mediaDevices?.getDisplayMedia === 'function';
  const shareLabel = sharing ? 'Stop sharing' : 'Share screen';
  const chatLabel = view.chatOpen ? 'Close chat' : 'Open chat';
  const selfLabel = view.selfViewHidden ? 'Show self view' : 'Hide self view';
  return (
    <div className="call-controls" role="group" aria-label="Call controls">
      <MediaToggles engine={engine} media={media} className="btn btn-icon" />
      {canShare && (
        <button
          type="button"
          className="btn btn-icon"
          aria-pressed={sharing}
          aria-label={shareLabel}
          disabled={screenBlocked}
          title={screenBlocked ? blockedHint('screen') : `${shareLabel} (Ctrl+Shift+S or S)`}
          onClick={() => (sharing ? engine.stopScreenShare() : void engine.startScreenShare())}
        >
          {sharing ? (
            <MonitorOff aria-hidden="true" size={18} />
          ) : (
            <MonitorUp aria-hidden="true" size={18} />
          )}
        </button>
      )}
      <DeviceSettings engine={engine} media={media} />
      <HandControls hands={engine.hands} />
      <button
        type="button"
        className="btn btn-icon call-chat-toggle"
        aria-pressed={view.chatOpen}
        aria-label={chatLabel}
        aria-describedby={view.chatUnread ? 'call-chat-unread' : undefined}
        title={`${chatLabel} (Ctrl+Shift+C or C)`}
        onClick={engine.view.toggleChat}
      >
        <MessageSquare aria-hidden="true" size={18} />
        {view.chatUnread && (
          <span id="call-chat-unread" className="unread-dot">
            <span className="sr-only">New messages</span>
          </span>
        )}
      </button>
      <button
        type="button"
        className="btn btn-icon"
        aria-pressed={view.selfViewHidden}
        aria-label={selfLabel}
        title={selfLabel}
        onClick={engine.view.toggleSelfView}
      >
        {view.selfViewHidden ? (
          <EyeOff aria-hidden="true" size={18} />
        ) : (
          <Eye aria-hidden="true" size={18} />
        )}
      </button>
      {fullscreen && (
        <button
          type="button"
          className="btn btn-icon"
          aria-pressed={fullscreen.on}
          aria-label={fullscreen.on ? 'Exit full screen' : 'Full screen call'}
          title={fullscreen.on ? 'Exit full screen' : 'Full screen call'}
          onClick={fullscreen.toggle}
        >
          {fullscreen.on ? (
            <Minimize aria-hidden="true" size={18} />
          ) : (
            <Maximize aria-hidden="true" size={18} />
          )}
        </button>
      )}
      <button
        type="button"
        className="btn btn-icon"
        aria-label="Keyboard shortcuts"
        aria-haspopup="dialog"
        title="Keyboard shortcuts (?)"
        onClick={() => engine.view.setHelpOpen(true)}
      >
        <Keyboard aria-hidden="true" size={18} />
      </button>
      <button
        type="button"
        className="btn btn-icon btn-danger"
        aria-label="Leave call"
        title="Leave call (Ctrl+Shift+H)"
        onClick={onLeave}
      >
        <PhoneOff aria-hidden="true" size={18} />
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
