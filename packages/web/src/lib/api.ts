import type {
  CreateRoomRequest,
  HistoryQuery,
  MessagePage,
  Room,
  RoomDetail,
  RoomListResponse,
  SearchResponse,
  SelfUser,
} from '@minimeet/contract';
import { AppError } from './errors';
import type { HttpClient, HttpRequest } from './http';

export interface ApiDeps {
  http: HttpClient;
  getToken: () => string | null;
  /** Gets a fresh access token (null when the session is over). */
  refresh: () => Promise<string | null>;
}

/** The typed REST client for signed-in calls: bearer token, one refresh-and-retry on 401. */
export function createApi({ http, getToken, refresh }: ApiDeps) {
  async function authed<T>(req: Omit<HttpRequest, 'token'>): Promise<T> {
    const token = getToken();
    try {
      return await http.request<T>({ ...req, token });
    } catch (error) {
      if (!(error instanceof AppError) || error.status !== 401) throw error;
      const fresh = await refresh();
      if (!fresh) throw error;
      return http.request<T>({ ...req, token: fresh });
    }
  }
  const id = encodeURIComponent;

  return {
    me: () => authed<SelfUser>({ method: 'GET', path: '/auth/me' }),
    listRooms: () => authed<RoomListResponse>({ method: 'GET', path: '/rooms' }),
    createRoom: (body: CreateRoomRequest) => authed<Room>({ method: 'POST', path: '/rooms', body }),
    getRoom: (roomId: string) =>
      authed<RoomDetail>({ method: 'GET', path: `/rooms/${id(roomId)}` }),
    getMessages: (roomId: string, query: HistoryQuery = {}) =>
      authed<MessagePage>({
        method: 'GET',
        path: `/rooms/${id(roomId)}/messages`,
        query: { before: query.before, limit: query.limit },
      }),
    searchMessages: (q: string, roomId?: string, signal?: AbortSignal) =>
      authed<SearchResponse>({
        method: 'GET',
        path: '/search/messages',
        query: { q, roomId },
        signal,
      }),
  };
}

export type Api = ReturnType<typeof createApi>;
