import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { CallsModule } from '../calls/calls.module';
import { SfuEngineModule } from './sfu-engine.module';
import { SfuGateway } from './sfu.gateway';
import { SfuService } from './sfu.service';

/** Calls above the mesh limit: SFU signalling over Socket.IO, media through Janus. */
@Module({
  imports: [AuthModule, CallsModule, SfuEngineModule],
  providers: [SfuService, SfuGateway],
})
export class SfuModule {}
