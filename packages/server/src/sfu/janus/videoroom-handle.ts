import { Logger } from '@nestjs/common';
import Janode from 'janode';
import type { JanodeVideoRoomHandle } from 'janode/plugins/videoroom';
import { forwardCoreHandleEvents, type CoreHandleEvents } from './handle-events';
import { janusRequest } from './janus-errors';
import type { IceCandidate } from './janus-types';
import { TypedEvents } from './typed-events';

/** What publisher and subscriber handles share: events, trickle, detach. */
export abstract class VideoRoomHandleBase<E extends CoreHandleEvents> {
  protected readonly events: TypedEvents<E>;
  private detached = false;

  protected constructor(
    protected readonly handle: JanodeVideoRoomHandle,
    protected readonly requestTimeoutMs: number,
    loggerName: string,
  ) {
    this.events = new TypedEvents<E>(new Logger(loggerName));
    handle.once(Janode.EVENT.HANDLE_DETACHED, () => {
      this.detached = true;
    });
    forwardCoreHandleEvents(handle, (event, payload) => {
      this.events.emit(event, payload as E[typeof event]);
      if (event === 'detached') this.events.clear();
    });
  }

  get handleId(): number {
    return this.handle.id;
  }

  get isDetached(): boolean {
    return this.detached;
  }

  on<K extends keyof E>(event: K, listener: (payload: E[K]) => void): () => void {
    return this.events.on(event, listener);
  }

  once<K extends keyof E>(event: K, listener: (payload: E[K]) => void): () => void {
    return this.events.once(event, listener);
  }

  /** Passes one ICE candidate from the browser to Janus. */
  async trickle(candidate: IceCandidate): Promise<void> {
    await this.request('trickle', () => this.handle.trickle({ ...candidate }));
  }

  /** Tells Janus the browser has no more candidates. */
  async trickleComplete(): Promise<void> {
    await this.request('trickle complete', () => this.handle.trickleComplete());
  }

  /** Closes the PeerConnection but keeps the handle. */
  async hangup(): Promise<void> {
    await this.request('hangup', () => this.handle.hangup());
  }

  /** Detaches the handle (Janus closes its PeerConnection); no-op when already detached. */
  async detach(): Promise<void> {
    if (this.detached) return;
    await this.request('detach', () => this.handle.detach());
  }

  protected request<T>(what: string, run: () => Promise<T>): Promise<T> {
    return janusRequest(what, run, this.requestTimeoutMs);
  }
}
