import { Global, Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { OverloadModule } from '../overload/overload.module';
import { ActivityBatches } from './activity-batches';
import { CallsDelivery } from './calls.delivery';
import { ChatDelivery } from './chat.delivery';
import { HandsDelivery } from './hands.delivery';
import { ModerationDelivery } from './moderation.delivery';
import { RealtimeGateway } from './realtime.gateway';
import { RealtimeService } from './realtime.service';
import { ReadsDelivery } from './reads.delivery';
import { RoomSettingsDelivery } from './room-settings.delivery';
import { RoomsDelivery } from './rooms.delivery';
import { SessionDelivery } from './session.delivery';
import { SfuDelivery } from './sfu.delivery';

/** The one place that speaks Socket.IO: the shared server, and the deliveries of domain events. */
@Global()
@Module({
  imports: [AuthModule, OverloadModule],
  providers: [
    RealtimeService,
    RealtimeGateway,
    RoomsDelivery,
    RoomSettingsDelivery,
    ChatDelivery,
    CallsDelivery,
    SfuDelivery,
    SessionDelivery,
    HandsDelivery,
    ModerationDelivery,
    ReadsDelivery,
    ActivityBatches,
  ],
})
export class RealtimeModule {}
