import { Module } from '@nestjs/common';
import { IceServersService } from './ice-servers.service';

/**
 * STUN/TURN for browsers and for the SFU: time-limited TURN credentials in coturn's scheme. The
 * REST endpoint lives in calls (IceServersController): only people in a call get credentials.
 */
@Module({
  providers: [IceServersService],
  exports: [IceServersService],
})
export class RtcModule {}
