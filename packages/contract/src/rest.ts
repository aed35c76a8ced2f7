/** REST payload types (JSON under /api). */
import type { Attachment } from './attachments';

export const USERNAME_PATTERN = /^[A-Za-z0-9_.-]{3,32}$/;
export const PASSWORD_MIN_LENGTH = 8;
export const MESSAGE_MAX_LENGTH = 4000;
export const ROOM_NAME_MAX_LENGTH = 80;
export const ROOM_DESCRIPTION_MAX_LENGTH = 500;
export const HISTORY_MAX_LIMIT = 100;
export const HISTORY_DEFAULT_LIMIT = 50;
/** The emoji a message can be reacted with; anything else is refused. */
export const MESSAGE_REACTION_EMOJI = ['👍', '❤️', '😂', '🎉', '😮', '😢', '👀', '✅'] as const;
export type MessageReactionEmoji = (typeof MESSAGE_REACTION_EMOJI)[number];
/** A reply quotes at most this many characters of the original's first line. */
export const REPLY_EXCERPT_LENGTH = 140;
export const ROOM_LIST_MAX_LIMIT = 100;
export const ROOM_LIST_DEFAULT_LIMIT = 50;
export const REFRESH_COOKIE_NAME = 'mm_refresh';

/** A user as anyone else sees them. */
export interface PublicUser {
  id: string;
  username: string;
  /** Set for a guest: someone who joined one room by its link with a name only. */
  guest?: true;
}

/** The signed-in user as they see themselves. */
export interface SelfUser extends PublicUser {
  email: string;
  createdAt: string;
  /** Named in the server's ADMIN_USERNAMES: may see the server-wide overview. */
  isAdmin: boolean;
  /** A guest's one room and when the guest session ends (ISO); absent for accounts. */
  guestOf?: { roomId: string; expiresAt: string };
}

export interface RegisterRequest {
  username: string;
  email: string;
  password: string;
}

export interface LoginRequest {
  /** Username or email. */
  login: string;
  password: string;
}

export interface AuthResponse {
  accessToken: string;
  /** Seconds until the access token expires. */
  expiresIn: number;
  user: SelfUser;
}

export interface CreateRoomRequest {
  name: string;
  maxParticipants?: number;
}

/** A member's role in one room: the owner (one), moderators (chosen by the owner), members. */
export type RoomRole = 'owner' | 'moderator' | 'member';
export const ROOM_ROLES = ['owner', 'moderator', 'member'] as const satisfies readonly RoomRole[];

/**
 * Who may come in with the invite link: anyone (`open`), anyone a moderator lets in from the
 * waiting list (`lobby`), or nobody new (`locked`).
 */
export type RoomAccessMode = 'open' | 'lobby' | 'locked';
export const ROOM_ACCESS_MODES = [
  'open',
  'lobby',
  'locked',
] as const satisfies readonly RoomAccessMode[];

/** A room as its members see it. */
export interface Room {
  id: string;
  name: string;
  description: string;
  ownerId: string;
  maxParticipants: number;
  accessMode: RoomAccessMode;
  /** The invite link is `/join/<inviteToken>`; the owner can regenerate it. */
  inviteToken: string;
  /** Whether people without an account may join by the link with a name only. */
  allowGuests: boolean;
  createdAt: string;
}

/** `PATCH /rooms/:id` (owner and moderators): only the fields given change. */
export interface UpdateRoomRequest {
  name?: string;
  description?: string;
  maxParticipants?: number;
  accessMode?: RoomAccessMode;
  allowGuests?: boolean;
}

/** `PUT /rooms/:id/members/:userId/role` (owner only): promote to or demote from moderator. */
export interface SetRoleRequest {
  role: Exclude<RoomRole, 'owner'>;
}

export interface RoomMember {
  user: PublicUser;
  role: RoomRole;
  joinedAt: string;
}

/** `GET /rooms/:id/members`: owner first, then moderators, then members, by name. */
export interface RoomMembersResponse {
  items: RoomMember[];
}

/** `GET /invites/:token`: what the join-by-link page shows. */
export interface InvitePreview {
  roomId: string;
  name: string;
  description: string;
  accessMode: RoomAccessMode;
  allowGuests: boolean;
  /** True when the caller is already a member (they can go straight in). */
  member: boolean;
}

/** Someone with the link waiting in a room's lobby. */
export interface LobbyEntry {
  userId: string;
  username: string;
  /** When they started waiting (ISO). */
  since: string;
}

/** `GET /rooms/:id/lobby` (owner and moderators): who is waiting, longest first. */
export interface LobbyResponse {
  items: LobbyEntry[];
}

export interface Participant {
  userId: string;
  username: string;
  /** A guest (no account). */
  guest?: true;
  /** True while the user is in the room's call. */
  inCall?: boolean;
}

export interface RoomSummary extends Room {
  onlineCount: number;
  /** People in the room's call now (0: no call going on). */
  inCallCount: number;
  /** ISO time of the newest message, or null when the room has none. */
  lastMessageAt: string | null;
  /** Messages of others after the caller's read marker, up to UNREAD_COUNT_CAP. */
  unreadCount: number;
  /** Of those, the ones that mention the caller (same cap). */
  mentionCount: number;
}

export interface RoomDetail extends Room {
  participants: Participant[];
  /** The caller's role in the room. */
  role: RoomRole;
}

/** What `GET /rooms/:id` shows someone who is not (yet) a member: enough for a join page. */
export interface RoomPreview {
  id: string;
  name: string;
}

/** `GET /rooms`: the user's rooms, most recent activity first, a page at a time. */
export interface RoomListQuery {
  /** Opaque cursor from a previous page's nextCursor. */
  cursor?: string;
  /** 1..100, default 50. */
  limit?: number;
}

export interface RoomListResponse {
  items: RoomSummary[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

export interface ChatMessage {
  id: string;
  roomId: string;
  content: string;
  createdAt: string;
  sender: PublicUser;
  clientMessageId: string;
  /** Set when the message was deleted: `content` is then empty, and it has no reactions. */
  deleted?: true;
  /** Who deleted it (set with `deleted`): its author, or a moderator of the room. */
  deletedBy?: 'author' | 'moderator';
  /** ISO time of the last edit by its author; null when never edited. */
  editedAt: string | null;
  /** One entry per emoji with at least one reaction, in the order they were first used. */
  reactions: MessageReaction[];
  /** The message this one answers (a quote of it as it is now); null when it is no reply. */
  replyTo: ReplyQuote | null;
  /** The ids of the room members it @mentions (empty once deleted). */
  mentions: string[];
  /** Files attached to it, in the order sent (empty once deleted). */
  attachments: Attachment[];
}

/** The reactions with one emoji on a message: how many, and who (for "who reacted"). */
export interface MessageReaction {
  emoji: MessageReactionEmoji;
  count: number;
  users: PublicUser[];
}

/** The quoted original of a reply: its author and its first line (empty once deleted). */
export interface ReplyQuote {
  id: string;
  sender: PublicUser;
  excerpt: string;
  deleted?: true;
}

export interface HistoryQuery {
  /** Opaque cursor from a previous page's nextCursor. */
  before?: string;
  /**
   * A message id: the oldest `limit` messages after it, oldest to newest (catching up after a
   * reconnect); `nextCursor` is then null when nothing newer is left, else the id to pass next.
   */
  after?: string;
  /**
   * The room's messages that changed (edited, deleted, reactions) after this ISO 8601 date-time
   * (with a time zone, e.g. `2026-01-01T10:00:00.000Z`), oldest change first, each in its current
   * state; for the next page pass the previous page's `nextCursor` here instead. Cannot be combined
   * with `before` or `after` (VALIDATION). New messages that never changed are not included: page
   * with `after` for those.
   */
  changedSince?: string;
  /** 1..100, default 50. */
  limit?: number;
}

export interface MessagePage {
  /** Oldest to newest. */
  items: ChatMessage[];
  /**
   * Pass as `before` to get the page of older messages; null when there are none. With `after`:
   * pass as `after` to get the next newer page; null when this page reaches the newest message.
   * With `changedSince`: pass as `changedSince` to get the next changes; null when none are left.
   */
  nextCursor: string | null;
}

/** A piece of a search snippet; `match` pieces are the searched terms. */
export interface SnippetPart {
  text: string;
  match: boolean;
}

export interface SearchResult {
  message: ChatMessage;
  room: { id: string; name: string };
  snippet: SnippetPart[];
}

export interface SearchResponse {
  items: SearchResult[];
  /** Pass as `cursor` to get the next, older page; null when there are no more results. */
  nextCursor: string | null;
}

/** Query parameters of `GET /api/search/messages`. */
export interface SearchQuery {
  /** Words to find (each as a word prefix, all required); `from:name` inside it filters by sender. */
  q: string;
  roomId?: string;
  /** Sender username. */
  from?: string;
  /** ISO date-times: only messages sent after / before. */
  after?: string;
  before?: string;
  cursor?: string;
  /** Page size, 1-50 (default 20). */
  limit?: number;
}

export interface HealthResponse {
  status: 'ok' | 'degraded';
  db: 'up' | 'down';
  redis: 'up' | 'down' | 'disabled';
}

/** STUN/TURN server entry, shaped like RTCIceServer. */
export interface IceServer {
  urls: string | string[];
  username?: string;
  credential?: string;
}

export interface IceServersResponse {
  iceServers: IceServer[];
  /** Seconds the TURN credentials stay valid (0 when there are none). */
  ttl: number;
}

export interface CallQualitySummary {
  samples: number;
  avgRttMs: number | null;
  avgPacketLossPct: number | null;
  avgBitrateKbps: number | null;
  avgFrameRate: number | null;
  /** 'good' | 'fair' | 'poor' | 'unknown' */
  rating: QualityRating;
}

export type QualityRating = 'good' | 'fair' | 'poor' | 'unknown';

export interface CallParticipantRecord {
  user: PublicUser;
  joinedAt: string;
  leftAt: string | null;
  quality: CallQualitySummary;
}

export interface CallRecord {
  id: string;
  roomId: string;
  startedAt: string;
  endedAt: string | null;
  durationSeconds: number | null;
  participants: CallParticipantRecord[];
}

export interface CallListResponse {
  items: CallRecord[];
}

/** What calls can do on this server (GET /api/calls/limits). */
export interface CallLimitsResponse {
  /** Most people in a peer-to-peer mesh call. */
  meshMax: number;
  /** Most people in any call: the SFU's limit, or meshMax when there is no SFU. */
  maxParticipants: number;
  /** True when calls can grow past meshMax through the SFU. */
  sfu: boolean;
}
