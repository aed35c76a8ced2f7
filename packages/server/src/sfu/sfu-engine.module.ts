import { Module } from '@nestjs/common';
import { RtcModule } from '../rtc/rtc.module';
import { JanusPoolService } from './janus-pool.service';

/** The SFU engine: the Janus instances (supervised or external) calls are pinned to. */
@Module({
  imports: [RtcModule],
  providers: [JanusPoolService],
  exports: [JanusPoolService],
})
export class SfuEngineModule {}
