import type {
  CreateRoomRequest,
  HistoryQuery,
  InvitePreview,
  LobbyResponse,
  MessagePage,
  ModerationLogResponse,
  Room,
  RoomBansResponse,
  RoomDetail,
  RoomListQuery,
  RoomListResponse,
  RoomMember,
  RoomMembersResponse,
  RoomPreview,
  SearchQuery,
  SearchResponse,
  SetRoleRequest,
  UpdateRoomRequest,
} from '@minimeet/contract';
import { AppError } from './errors';
import type { HttpClient, HttpRequest } from './http';

export interface ApiDeps {
  http: HttpClient;
  getToken: () => string | null;
  /** Gets a fresh access token (null when the session is over). */
  refresh: () => Promise<string | null>;
}

/** A signed-in request: bearer token, one refresh-and-retry on 401. */
export function createAuthedRequest({ http, getToken, refresh }: ApiDeps) {
  return async function authed<T>(req: Omit<HttpRequest, 'token'>): Promise<T> {
    const token = getToken();
    try {
      return await http.request<T>({ ...req, token });
    } catch (error) {
      if (!(error instanceof AppError) || error.status !== 401) throw error;
      const fresh = await refresh();
      if (!fresh) throw error;
      return http.request<T>({ ...req, token: fresh });
    }
  };
}

/** The typed REST client of rooms, messages and search. */
export function createApi(deps: ApiDeps) {
  const authed = createAuthedRequest(deps);
  const id = encodeURIComponent;

  return {
    listRooms: (query: RoomListQuery = {}) =>
      authed<RoomListResponse>({
        method: 'GET',
        path: '/rooms',
        query: { cursor: query.cursor, limit: query.limit },
      }),
    createRoom: (body: CreateRoomRequest) => authed<Room>({ method: 'POST', path: '/rooms', body }),
    getRoom: (roomId: string) =>
      authed<RoomDetail | RoomPreview>({ method: 'GET', path: `/rooms/${id(roomId)}` }),
    updateRoom: (roomId: string, body: UpdateRoomRequest) =>
      authed<Room>({ method: 'PATCH', path: `/rooms/${id(roomId)}`, body }),
    deleteRoom: (roomId: string) =>
      authed<null>({ method: 'DELETE', path: `/rooms/${id(roomId)}` }),
    regenerateInvite: (roomId: string) =>
      authed<Room>({ method: 'POST', path: `/rooms/${id(roomId)}/invite` }),
    listBans: (roomId: string) =>
      authed<RoomBansResponse>({ method: 'GET', path: `/rooms/${id(roomId)}/bans` }),
    unban: (roomId: string, userId: string) =>
      authed<null>({ method: 'DELETE', path: `/rooms/${id(roomId)}/bans/${id(userId)}` }),
    moderationLog: (roomId: string, cursor?: string) =>
      authed<ModerationLogResponse>({
        method: 'GET',
        path: `/rooms/${id(roomId)}/moderation-log`,
        query: { cursor },
      }),
    listMembers: (roomId: string) =>
      authed<RoomMembersResponse>({ method: 'GET', path: `/rooms/${id(roomId)}/members` }),
    setRole: (roomId: string, userId: string, body: SetRoleRequest) =>
      authed<RoomMember>({
        method: 'PUT',
        path: `/rooms/${id(roomId)}/members/${id(userId)}/role`,
        body,
      }),
    getLobby: (roomId: string) =>
      authed<LobbyResponse>({ method: 'GET', path: `/rooms/${id(roomId)}/lobby` }),
    invitePreview: (token: string) =>
      authed<InvitePreview>({ method: 'GET', path: `/invites/${id(token)}` }),
    getMessages: (roomId: string, query: HistoryQuery = {}) =>
      authed<MessagePage>({
        method: 'GET',
        path: `/rooms/${id(roomId)}/messages`,
        query: { before: query.before, limit: query.limit },
      }),
    searchMessages: (query: SearchQuery, signal?: AbortSignal) =>
      authed<SearchResponse>({
        method: 'GET',
        path: '/search/messages',
        query: { ...query },
        signal,
      }),
  };
}
