import { Module } from '@nestjs/common';
import { OverloadService } from './overload.service';

/** Load shedding: bounds the chat writes one process works on (issue 12, overload). */
@Module({
  providers: [OverloadService],
  exports: [OverloadService],
})
export class OverloadModule {}
