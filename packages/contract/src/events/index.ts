/** The Socket.IO contract: every feature's event maps joined into the two the server and client use. */
import type { CallClientEvents, CallServerEvents } from './calls';
import { CallClientEvent, CallServerEvent } from './calls';
import type { ChatClientEvents, ChatServerEvents } from './chat';
import { ChatClientEvent, ChatServerEvent } from './chat';
import type { HandClientEvents, HandServerEvents } from './hands';
import { HandClientEvent, HandServerEvent } from './hands';
import type { ModerationClientEvents, ModerationServerEvents } from './moderation';
import { ModerationClientEvent, ModerationServerEvent } from './moderation';
import type { ReadClientEvents, ReadServerEvents } from './reads';
import { ReadClientEvent, ReadServerEvent } from './reads';
import type { RoomClientEvents, RoomServerEvents } from './rooms';
import { RoomClientEvent, RoomServerEvent } from './rooms';
import type { SfuClientEvents, SfuServerEvents } from './sfu';
import { SfuClientEvent, SfuServerEvent } from './sfu';

export * from './calls';
export * from './chat';
export * from './common';
export * from './hands';
export * from './moderation';
export * from './reads';
export * from './rooms';
export * from './sfu';

export interface ClientToServerEvents
  extends
    RoomClientEvents,
    ChatClientEvents,
    CallClientEvents,
    SfuClientEvents,
    HandClientEvents,
    ModerationClientEvents,
    ReadClientEvents {}
export interface ServerToClientEvents
  extends
    RoomServerEvents,
    ChatServerEvents,
    CallServerEvents,
    SfuServerEvents,
    HandServerEvents,
    ModerationServerEvents,
    ReadServerEvents {}

export const ClientEvent = {
  ...RoomClientEvent,
  ...ChatClientEvent,
  ...CallClientEvent,
  ...SfuClientEvent,
  ...HandClientEvent,
  ...ModerationClientEvent,
  ...ReadClientEvent,
} as const;
export const ServerEvent = {
  ...RoomServerEvent,
  ...ChatServerEvent,
  ...CallServerEvent,
  ...SfuServerEvent,
  ...HandServerEvent,
  ...ModerationServerEvent,
  ...ReadServerEvent,
} as const;

export type ClientEventName = keyof ClientToServerEvents;
export type ServerEventName = keyof ServerToClientEvents;
