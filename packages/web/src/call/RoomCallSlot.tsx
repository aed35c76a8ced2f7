import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useSession } from '../auth';
import { CallHistory, callKeys } from './CallHistory';
import { callNoticeMessage } from './callMessages';
import { CallView } from './CallView';
import { useCall, useCallEngine } from './hooks';
import { PreJoinPanel } from './PreJoinPanel';
import './call.css';

export interface RoomCallSlotProps {
  roomId: string;
  /** The user may act on others in the call (lower their hand). */
  canModerate?: boolean;
  /** People in the room's call now, from presence (a banner invites to join it). */
  inCallCount?: number;
  /** Id of the newest chat message: a new one marks the call's closed chat panel unread. */
  lastMessageId?: string | null;
}

/** The room page's call panel: `Join call`, the device check, the call itself, and past calls. */
export function RoomCallSlot({
  roomId,
  canModerate = false,
  inCallCount = 0,
  lastMessageId = null,
}: RoomCallSlotProps) {
  const engine = useCallEngine(roomId);
  const seenMessage = useRef(lastMessageId);
  useEffect(() => {
    if (lastMessageId === seenMessage.current) return;
    seenMessage.current = lastMessageId;
    if (lastMessageId !== null) engine.view.messageArrived();
  }, [engine, lastMessageId]);
  const { call, media } = useCall(engine);
  const session = useSession();
  const selfName = session.status === 'signedIn' ? session.user.username : 'You';
  const queryClient = useQueryClient();
  // The server closes our part of the call record when it answers leaveCall: then show it.
  const leave = () =>
    void engine
      .leave()
      .then(() => queryClient.invalidateQueries({ queryKey: callKeys.history(roomId) }));

  return (
    <section className="call" aria-label="Video call">
      {call.phase === 'idle' && (
        <div className="call-idle">
          <div className={inCallCount > 0 ? 'call-bar call-banner' : 'call-bar'}>
            {inCallCount > 0 && (
              <p role="status" className="call-banner-text">
                A call is going on with {inCallCount} {inCallCount === 1 ? 'person' : 'people'}
              </p>
            )}
            <button type="button" className="btn btn-primary" onClick={engine.openPreJoin}>
              Join call
            </button>
            {call.notice && (
              <p role="alert" className="call-notice">
                {callNoticeMessage(call.notice)}
              </p>
            )}
          </div>
          <CallHistory roomId={roomId} />
        </div>
      )}
      {(call.phase === 'prejoin' || call.phase === 'joining') && (
        <PreJoinPanel engine={engine} call={call} media={media} />
      )}
      {(call.phase === 'connected' || call.phase === 'reconnecting') && (
        <CallView
          engine={engine}
          call={call}
          media={media}
          selfName={selfName}
          canModerate={canModerate}
          onLeave={leave}
        />
      )}
    </section>
  );
}
