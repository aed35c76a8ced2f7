import type { CallListResponse } from '@minimeet/contract';
import { errorMessage } from '../lib/errors';
import type { CallNotice } from './callState';

/** The sentence for why joining failed or the call ended. */
export function callNoticeMessage(notice: CallNotice): string {
  switch (notice) {
    case 'ROOM_FULL':
      return 'The call is full. You can join when someone leaves.';
    case 'ENDED_BY_MODERATOR':
      return 'A moderator ended the call.';
    case 'REPLACED':
      return 'You joined this call from another tab or device, so it ended here.';
    case 'FORBIDDEN':
      return 'You cannot join this call: you are not a member of this room.';
    case 'OFFLINE':
      return 'You are offline. Join the call again when the connection is back.';
    case 'TIMEOUT':
      return 'The server did not answer in time. Please try joining again.';
    default:
      return errorMessage(notice);
  }
}

/** "45 s", "3 min 5 s", "1 h 2 min". */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return s % 60 === 0 ? `${m} min` : `${m} min ${s % 60} s`;
  const h = Math.floor(m / 60);
  return m % 60 === 0 ? `${h} h` : `${h} h ${m % 60} min`;
}

export type CallRecordItem = CallListResponse['items'][number];
