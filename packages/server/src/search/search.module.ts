import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { ChatModule } from '../chat/chat.module';
import { DatabaseModule } from '../database/database.module';
import { SearchController } from './search.controller';
import { SearchService } from './search.service';
import { SearchStats } from './search-stats';

/** Message search through the database's own full-text index. */
@Module({
  imports: [DatabaseModule, AuthModule, ChatModule],
  controllers: [SearchController],
  providers: [SearchService, SearchStats],
})
export class SearchModule {}
