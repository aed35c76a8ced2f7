/** The Socket.IO contract: every feature's event maps joined into the two the server and client use. */
import type { CallClientEvents, CallServerEvents } from './calls';
import { CallClientEvent, CallServerEvent } from './calls';
import type { ChatClientEvents, ChatServerEvents } from './chat';
import { ChatClientEvent, ChatServerEvent } from './chat';
import type { RoomClientEvents, RoomServerEvents } from './rooms';
import { RoomClientEvent, RoomServerEvent } from './rooms';

export * from './calls';
export * from './chat';
export * from './common';
export * from './rooms';

export interface ClientToServerEvents
  extends RoomClientEvents, ChatClientEvents, CallClientEvents {}
export interface ServerToClientEvents
  extends RoomServerEvents, ChatServerEvents, CallServerEvents {}

export const ClientEvent = { ...RoomClientEvent, ...ChatClientEvent, ...CallClientEvent } as const;
export const ServerEvent = { ...RoomServerEvent, ...ChatServerEvent, ...CallServerEvent } as const;

export type ClientEventName = keyof ClientToServerEvents;
export type ServerEventName = keyof ServerToClientEvents;
