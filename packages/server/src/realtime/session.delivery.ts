import { Injectable } from '@nestjs/common';
import { AuthEvent, type SessionEnded } from '../auth/auth.events';
import { OnDomainEvent } from '../common/domain-events';
import { sessionChannel } from './channels';
import { RealtimeService } from './realtime.service';

/** Sessions on the wire: when a sign-in session ends, its sockets close, in every process. */
@Injectable()
export class SessionDelivery {
  constructor(private readonly realtime: RealtimeService) {}

  @OnDomainEvent(AuthEvent.SessionEnded)
  ended(e: SessionEnded): void {
    this.realtime.disconnect(sessionChannel(e.familyId));
  }
}
