/**
 * What the rest of the app may use of analytics: the paths of its pages, and the pages themselves
 * loaded on demand (their charting library stays out of every other bundle).
 */
import { lazy } from 'react';

export const RoomAnalyticsPage = lazy(() => import('./RoomAnalyticsPage'));
export const CallQualityPage = lazy(() => import('./CallQualityPage'));
export const AdminPage = lazy(() => import('./AdminPage'));

export const roomAnalyticsPath = (roomId: string): string =>
  `/rooms/${encodeURIComponent(roomId)}/analytics`;
export const callQualityPath = (roomId: string, callId: string): string =>
  `/rooms/${encodeURIComponent(roomId)}/calls/${encodeURIComponent(callId)}/quality`;
