/** REST payloads of moderation: the moderation log and the bans of a room. */
import type { ModeratedMedia } from './events/moderation';
import type { PublicUser } from './rest';

export type ModerationAction =
  'mute' | 'unblock' | 'remove' | 'ban' | 'unban' | 'endCall' | 'deleteMessage';

export interface ModerationLogEntry {
  id: string;
  action: ModerationAction;
  actor: PublicUser;
  /** The person acted on (null for endCall). */
  target: PublicUser | null;
  /** The message deleted (deleteMessage only). */
  messageId: string | null;
  /** `kind` of media and whether it was blocked (mute, unblock). */
  details: { kind?: ModeratedMedia; block?: boolean };
  createdAt: string;
}

/** `GET /rooms/:id/moderation-log?cursor=`: newest first; pass nextCursor for older ones. */
export interface ModerationLogResponse {
  items: ModerationLogEntry[];
  nextCursor: string | null;
}
export interface ModerationLogQuery {
  cursor?: string;
}

export interface RoomBan {
  user: PublicUser;
  bannedBy: PublicUser;
  createdAt: string;
}
/** `GET /rooms/:id/bans`: who is kept out of the room, newest first. */
export interface RoomBansResponse {
  items: RoomBan[];
}
/** `POST /rooms/:id/members/:userId/mute`. */
export interface MuteMediaBody {
  kind: ModeratedMedia;
  block?: boolean;
}
/** `DELETE /rooms/:id/members/:userId?ban=true`. */
export interface RemoveMemberQuery {
  ban?: boolean;
}
