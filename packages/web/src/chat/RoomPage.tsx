import type { ChatMessage } from '@minimeet/contract';
import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { createUploads, uploadWithXhr } from '../attachments';
import { useSession } from '../auth';
import { RoomCallSlot } from '../call';
import { LobbyPanel } from '../lobby';
import { removedNotice } from '../moderation';
import { outbox, setOpenRoom } from '../app/realtime';
import { setTitleBase } from '../app/title';
import { session as auth } from '../app/services';
import { useStore } from '../lib/useStore';
import { ErrorNote } from '../ui/ErrorNote';
import { Composer } from './Composer';
import { MessageList } from './MessageList';
import { ParticipantsList } from './ParticipantsList';
import { PresenceAnnouncer } from './PresenceAnnouncer';
import { ReplyBar } from './ReplyBar';
import { RoomHeader } from './RoomHeader';
import { quoteOf } from './timeline';
import { TypingIndicator } from './TypingIndicator';
import { useMentionables } from './useMentionables';
import { usePendingMessages, useRoomController } from './useRoom';
import './chat.css';

export default function RoomPage() {
  const { roomId = '' } = useParams();
  const [params] = useSearchParams();
  const session = useSession();
  const selfId = session.status === 'signedIn' ? session.user.id : null;
  const selfName = session.status === 'signedIn' ? session.user.username : null;
  const controller = useRoomController(roomId);
  const view = useStore(controller.view);
  const timeline = useStore(controller.timeline);
  const pending = usePendingMessages(roomId, timeline.messages);
  const reads = useStore(controller.reads.state);
  const mentionables = useMentionables(roomId, view.participants, view.join.status === 'joined');
  const name = view.room?.name ?? null;
  const canModerate = view.room?.role === 'owner' || view.room?.role === 'moderator';
  const [replyTo, setReplyTo] = useState<ChatMessage | null>(null);
  const composerInput = useRef<HTMLTextAreaElement>(null);
  const uploads = useMemo(
    () => createUploads({ roomId, upload: uploadWithXhr, getToken: auth.getAccessToken }),
    [roomId],
  );
  useEffect(() => () => uploads.dispose(), [uploads]);
  const [dragging, setDragging] = useState(false);
  const dragProps = {
    onDragOver: (event: DragEvent) => {
      if (!event.dataTransfer.types.includes('Files')) return;
      event.preventDefault();
      setDragging(true);
    },
    onDragLeave: () => setDragging(false),
    onDrop: (event: DragEvent) => {
      setDragging(false);
      if (event.dataTransfer.files.length === 0) return;
      event.preventDefault();
      uploads.add([...event.dataTransfer.files]);
    },
  };
  const startReply = useCallback((message: ChatMessage) => {
    setReplyTo(message);
    composerInput.current?.focus();
  }, []);

  // The owner deleted the room: leave it (unmounting leaves) and say why on the rooms page.
  const navigate = useNavigate();
  useEffect(() => {
    if (view.deleted)
      void navigate('/', {
        replace: true,
        state: { notice: `The room “${name ?? ''}” was deleted by its owner.` },
      });
  }, [view.deleted, name, navigate]);
  // A moderator removed us: leave the room and say so on the rooms page.
  useEffect(() => {
    if (view.removed)
      void navigate('/', { replace: true, state: { notice: removedNotice(view.removed.banned) } });
  }, [view.removed, navigate]);

  useEffect(() => {
    setTitleBase(name ? `${name} · MiniMeet` : 'MiniMeet');
    return () => setTitleBase('MiniMeet');
  }, [name]);
  useEffect(() => {
    setOpenRoom(roomId);
    return () => setOpenRoom(null);
  }, [roomId]);

  if (view.join.status === 'error') {
    return (
      <div className="page narrow">
        <h1>Cannot open this room</h1>
        <ErrorNote error={view.join.error} context="room" />
        <p>
          <Link to="/">Back to your rooms</Link>
        </p>
      </div>
    );
  }

  return (
    <div className="room">
      <RoomHeader roomId={roomId} room={view.room} />
      <PresenceAnnouncer
        participants={view.participants}
        selfId={selfId}
        live={view.join.status === 'joined'}
      />
      <aside className="room-side">
        <LobbyPanel roomId={roomId} canModerate={canModerate} />
        <ParticipantsList
          participants={view.participants}
          selfId={selfId}
          stale={view.join.status !== 'joined'}
        />
      </aside>
      <div className={`room-main${dragging ? ' room-dropping' : ''}`} {...dragProps}>
        <RoomCallSlot
          roomId={roomId}
          canModerate={canModerate}
          inCallCount={view.participants.filter((p) => p.inCall).length}
          lastMessageId={timeline.messages.at(-1)?.id ?? null}
        />
        <MessageList
          key={roomId}
          timeline={controller.timeline}
          pending={pending}
          selfId={selfId}
          selfName={selfName}
          unreadAfter={reads.openedAt}
          onSeen={controller.reads.seen}
          moderateIn={canModerate ? roomId : null}
          targetMessageId={params.get('message')}
          onRetry={outbox.retry}
          onDiscard={outbox.discard}
          actions={controller.actions}
          onReply={startReply}
        />
        <TypingIndicator typing={controller.typing} />
        {replyTo && <ReplyBar to={replyTo} onCancel={() => setReplyTo(null)} />}
        <Composer
          key={roomId}
          inputRef={composerInput}
          onEscape={replyTo ? () => setReplyTo(null) : undefined}
          uploads={uploads}
          onSend={(content, attachments) => {
            outbox.send(roomId, content, replyTo ? quoteOf(replyTo) : undefined, attachments);
            setReplyTo(null);
          }}
          members={mentionables}
          selfId={selfId}
          onTyping={controller.typingSender.input}
          onStopTyping={controller.typingSender.stop}
        />
      </div>
    </div>
  );
}
