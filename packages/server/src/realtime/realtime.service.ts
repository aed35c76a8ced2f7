import type { ServerEventName, ServerToClientEvents } from '@minimeet/contract';
import { Injectable, Logger } from '@nestjs/common';
import { RedisService } from '../redis/redis.module';
import type { AppServer, AppSocket, InterServerEvents } from './socket.types';

/**
 * Who hears an event: a channel (optionally without one connection), several channels (each
 * connection once, one broadcast through the adapter; optionally without the connections of
 * another channel), or one connection.
 */
export type Audience =
  | { channel: string; except?: string }
  | { channels: string[]; except?: string }
  | { connection: string };

/**
 * The one holder of the Socket.IO server: sends typed events to an audience and moves
 * connections in and out of channels. Feature code never sees it; the deliveries beside it map
 * domain events onto it.
 */
const EMPTY: ReadonlySet<string> = new Set();

@Injectable()
export class RealtimeService {
  private readonly logger = new Logger('Realtime');
  private server: AppServer | null = null;

  constructor(private readonly redis: RedisService) {}

  attach(server: AppServer): void {
    this.server = server;
  }

  private get io(): AppServer {
    if (!this.server) throw new Error('Socket.IO server not initialised yet');
    return this.server;
  }

  send<E extends ServerEventName>(
    audience: Audience,
    event: E,
    ...args: Parameters<ServerToClientEvents[E]>
  ): void {
    if ('connection' in audience) {
      this.io.to(audience.connection).emit(event, ...args);
      return;
    }
    const target = this.io.to('channels' in audience ? audience.channels : audience.channel);
    (audience.except ? target.except(audience.except) : target).emit(event, ...args);
  }

  /** Puts a connection of this process into channels (at once, before anything else is sent). */
  join(connectionId: string, channels: string[]): void {
    const socket = this.local(connectionId);
    if (socket) this.settle(socket.join(channels), 'join');
  }

  /**
   * Takes a connection out of channels. One of this process leaves at once; through the Redis
   * adapter a leave applies only when it comes back from Redis, so a connection of another process
   * is reached through `via`, a channel only it is in.
   */
  leave(connectionId: string, channels: string[], via?: string): void {
    const socket = this.local(connectionId);
    if (socket) for (const channel of channels) this.settle(socket.leave(channel), 'leave');
    else if (via) this.io.in(via).socketsLeave(channels);
  }

  /** Takes every connection in a channel (in every process) out of other channels. */
  leaveAll(channel: string, channels: string[]): void {
    this.io.in(channel).socketsLeave(channels);
  }

  /** Whether other processes may be serving users too (through Redis; none without it). */
  get clustered(): boolean {
    return this.redis.client !== null;
  }

  /** Tells the other processes (none without Redis: there are no others). */
  toOtherProcesses<E extends keyof InterServerEvents>(
    event: E,
    ...args: Parameters<InterServerEvents[E]>
  ): void {
    if (this.clustered) this.io.serverSideEmit(event, ...args);
  }

  /** The connections of this process in a channel. */
  localIn(channel: string): ReadonlySet<string> {
    return this.io.sockets.adapter.rooms.get(channel) ?? EMPTY;
  }

  /** Sends to one connection of this process (nothing when it is gone). */
  sendLocal<E extends ServerEventName>(
    connectionId: string,
    event: E,
    ...args: Parameters<ServerToClientEvents[E]>
  ): void {
    this.local(connectionId)?.emit(event, ...args);
  }

  /** Closes every connection in a channel, in every process (through the Redis adapter). */
  disconnect(channel: string): void {
    this.io.in(channel).disconnectSockets(true);
  }

  private local(connectionId: string): AppSocket | undefined {
    return this.io.sockets.sockets.get(connectionId);
  }

  private settle(result: Promise<void> | void, what: string): void {
    if (result) result.catch((e: unknown) => this.logger.warn(`${what} failed: ${String(e)}`));
  }
}
