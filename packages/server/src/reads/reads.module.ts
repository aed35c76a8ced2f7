import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { DatabaseModule } from '../database/database.module';
import { RoomsModule } from '../rooms/rooms.module';
import { ReadsGateway } from './reads.gateway';
import { ReadsService } from './reads.service';

/** Read markers per user and room, and the room activity behind unread badges. */
@Module({
  imports: [DatabaseModule, AuthModule, RoomsModule],
  providers: [ReadsService, ReadsGateway],
})
export class ReadsModule {}
