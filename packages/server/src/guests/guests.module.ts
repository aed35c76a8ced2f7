import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { DatabaseModule } from '../database/database.module';
import { RoomsModule } from '../rooms/rooms.module';
import { GuestsController } from './guests.controller';
import { GuestsService } from './guests.service';

/** Guests: people without an account join one room by its link with a name only. */
@Module({
  imports: [DatabaseModule, AuthModule, RoomsModule],
  controllers: [GuestsController],
  providers: [GuestsService],
})
export class GuestsModule {}
