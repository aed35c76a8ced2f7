import type { AuthResponse, MessagePage, Room, UpdateRoomRequest } from '@minimeet/contract';
import type { APIRequestContext } from 'playwright-core';

/** REST calls through a browser context's request client: cookies land in that browser profile. */
export async function apiRegister(
  request: APIRequestContext,
  username: string,
): Promise<AuthResponse> {
  const res = await request.post('/api/auth/register', {
    data: { username, email: `${username}@example.test`, password: 'correct-horse-battery' },
  });
  if (res.status() !== 201)
    throw new Error(`register ${username}: ${res.status()} ${await res.text()}`);
  return (await res.json()) as AuthResponse;
}

export async function apiCreateRoom(
  request: APIRequestContext,
  token: string,
  name: string,
): Promise<Room> {
  const res = await request.post('/api/rooms', {
    data: { name },
    headers: { Authorization: `Bearer ${token}` },
  });
  if (res.status() !== 201) throw new Error(`create room: ${res.status()} ${await res.text()}`);
  return (await res.json()) as Room;
}

export async function apiHistory(
  request: APIRequestContext,
  token: string,
  roomId: string,
): Promise<MessagePage> {
  const res = await request.get(`/api/rooms/${roomId}/messages?limit=100`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  if (res.status() !== 200) throw new Error(`history: ${res.status()} ${await res.text()}`);
  return (await res.json()) as MessagePage;
}

export async function apiUpdateRoom(
  request: APIRequestContext,
  token: string,
  roomId: string,
  body: UpdateRoomRequest,
): Promise<Room> {
  const res = await request.patch(`/api/rooms/${roomId}`, {
    data: body,
    headers: { Authorization: `Bearer ${token}` },
  });
  if (res.status() !== 200) throw new Error(`update room: ${res.status()} ${await res.text()}`);
  return (await res.json()) as Room;
}
