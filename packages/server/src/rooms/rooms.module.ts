import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { DatabaseModule } from '../database/database.module';
import { PresenceModule } from '../presence/presence.module';
import { InvitesController } from './invites.controller';
import { LobbyGateway } from './lobby.gateway';
import { LobbyService } from './lobby.service';
import { ReadMarkersService } from './read-markers.service';
import { RoomSettingsController } from './room-settings.controller';
import { RoomSettingsService } from './room-settings.service';
import { RoomsController } from './rooms.controller';
import { RoomsGateway } from './rooms.gateway';
import { RoomsService } from './rooms.service';

/** Rooms: creation, membership, roles and settings, invite links and the lobby, entering and leaving. */
@Module({
  imports: [DatabaseModule, AuthModule, PresenceModule],
  controllers: [RoomsController, RoomSettingsController, InvitesController],
  providers: [
    RoomsService,
    RoomSettingsService,
    LobbyService,
    RoomsGateway,
    LobbyGateway,
    ReadMarkersService,
  ],
  exports: [RoomsService, ReadMarkersService],
})
export class RoomsModule {}
