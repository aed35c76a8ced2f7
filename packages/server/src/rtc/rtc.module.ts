import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { IceServersService } from './ice-servers.service';
import { RtcController } from './rtc.controller';

/** STUN/TURN for browsers and for the SFU: time-limited TURN credentials in coturn's scheme. */
@Module({
  imports: [AuthModule],
  controllers: [RtcController],
  providers: [IceServersService],
  exports: [IceServersService],
})
export class RtcModule {}
