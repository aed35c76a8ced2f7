/** REST payload types of analytics: room dashboards, call quality timelines, the admin overview. */
import type { PublicUser } from './rest';

/** Days a room dashboard covers unless `?days=` says otherwise, and the most it may ask for. */
export const ANALYTICS_DAYS_DEFAULT = 30;
export const ANALYTICS_DAYS_MAX = 90;

/** Query of GET /api/rooms/:id/analytics. */
export interface RoomAnalyticsQuery {
  days?: number;
}

/** One UTC day of a room. `day` is `YYYY-MM-DD`. */
export interface RoomDayStats {
  day: string;
  messages: number;
  /** Calls that started that day. */
  calls: number;
  /** Minutes people spent in calls that day (two people for ten minutes: 20). */
  callMinutes: number;
  /** Different people who were in a call that day. */
  uniqueParticipants: number;
  /** Most people in the room's calls at the same moment that day. */
  peakConcurrent: number;
}

/** GET /api/rooms/:id/analytics: one entry per day, oldest first, days without activity included. */
export interface RoomAnalyticsResponse {
  roomId: string;
  /** First and last day covered (UTC, `YYYY-MM-DD`). */
  from: string;
  to: string;
  days: RoomDayStats[];
}

/** What one participant's client measured at one moment (averaged over the peers it receives). */
export interface QualityPoint {
  at: string;
  bitrateKbps: number | null;
  packetLossPct: number | null;
  rttMs: number | null;
  frameRate: number | null;
}

export interface ParticipantQualityTimeline {
  /** The participant's stay in the call (someone who rejoins has two). */
  participantId: string;
  user: PublicUser;
  joinedAt: string;
  leftAt: string | null;
  points: QualityPoint[];
}

/** GET /api/rooms/:id/calls/:callId/quality. */
export interface CallQualityResponse {
  callId: string;
  roomId: string;
  startedAt: string;
  endedAt: string | null;
  participants: ParticipantQualityTimeline[];
}

/** One UTC day of the whole server. */
export interface ServerDayStats {
  day: string;
  messages: number;
  callMinutes: number;
}

/** GET /api/admin/overview (administrators only). */
export interface AdminOverviewResponse {
  users: number;
  rooms: number;
  /** People with at least one room open now. */
  onlineNow: number;
  /** People in a call now. */
  inCallsNow: number;
  days: ServerDayStats[];
}
