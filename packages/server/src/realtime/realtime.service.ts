import { Injectable } from '@nestjs/common';
import type { AppServer } from './socket.types';

/** Holds the Socket.IO server so services can broadcast without depending on a gateway. */
@Injectable()
export class RealtimeService {
  private server: AppServer | null = null;

  attach(server: AppServer): void {
    this.server = server;
  }

  get io(): AppServer {
    if (!this.server) throw new Error('Socket.IO server not initialised yet');
    return this.server;
  }
}
