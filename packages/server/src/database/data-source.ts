import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import type { DatabaseConfig } from '../config/config';
import { QuietTypeOrmLogger } from './typeorm-logger';
import { AttachmentEntity } from './entities/attachment.entity';
import { AuthSessionEntity } from './entities/auth-session.entity';
import { CallParticipantEntity } from './entities/call-participant.entity';
import { CallQualitySampleEntity } from './entities/call-quality-sample.entity';
import { CallSessionEntity } from './entities/call-session.entity';
import { MessageMentionEntity } from './entities/message-mention.entity';
import { MessageReactionEntity } from './entities/message-reaction.entity';
import { MessageEntity } from './entities/message.entity';
import { ModerationLogEntity } from './entities/moderation-log.entity';
import { ReadMarkerEntity } from './entities/read-marker.entity';
import { RefreshTokenEntity } from './entities/refresh-token.entity';
import { RoomBanEntity } from './entities/room-ban.entity';
import { RoomMemberEntity } from './entities/room-member.entity';
import { RoomEntity } from './entities/room.entity';
import { UserEntity } from './entities/user.entity';
import { InitialSchema1764000000000 } from './migrations/1764000000000-initial-schema';
import { CallHistory1765000000000 } from './migrations/1765000000000-call-history';
import { RoomActivity1766100000000 } from './migrations/1766100000000-room-activity';
import { Accounts1766200000000 } from './migrations/1766200000000-accounts';
import { RoomRoles1766300000000 } from './migrations/1766300000000-room-roles';
import { CallQualitySamples1766400000000 } from './migrations/1766400000000-call-quality-samples';
import { Moderation1766500000000 } from './migrations/1766500000000-moderation';
import { ChatEdits1766600000000 } from './migrations/1766600000000-chat-edits';
import { Attachments1766700000000 } from './migrations/1766700000000-attachments';
import { ReadMarkers1766800000000 } from './migrations/1766800000000-read-markers';
import { SearchTermStats1766900000000 } from './migrations/1766900000000-search-term-stats';
import { Guests1767000000000 } from './migrations/1767000000000-guests';
import { SearchSlices1767100000000 } from './migrations/1767100000000-search-slices';
import { MessageChangedAt1767200000000 } from './migrations/1767200000000-message-changed-at';
import { RoomTouchTrigger1767300000000 } from './migrations/1767300000000-room-touch-trigger';

export const ENTITIES = [
  UserEntity,
  RefreshTokenEntity,
  AuthSessionEntity,
  RoomEntity,
  RoomMemberEntity,
  RoomBanEntity,
  MessageEntity,
  CallSessionEntity,
  CallParticipantEntity,
  CallQualitySampleEntity,
  ModerationLogEntity,
  MessageReactionEntity,
  MessageMentionEntity,
  ReadMarkerEntity,
  AttachmentEntity,
];
export const MIGRATIONS = [
  InitialSchema1764000000000,
  CallHistory1765000000000,
  RoomActivity1766100000000,
  Accounts1766200000000,
  RoomRoles1766300000000,
  CallQualitySamples1766400000000,
  Moderation1766500000000,
  ChatEdits1766600000000,
  Attachments1766700000000,
  ReadMarkers1766800000000,
  SearchTermStats1766900000000,
  Guests1767000000000,
  SearchSlices1767100000000,
  MessageChangedAt1767200000000,
  RoomTouchTrigger1767300000000,
];

export function dataSourceOptions(db: DatabaseConfig): DataSourceOptions {
  const common = {
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsRun: true,
    synchronize: false,
    logging: false,
  };
  if (db.type !== 'sqlite') {
    return {
      ...common,
      type: db.type,
      url: db.url,
      charset: 'utf8mb4_unicode_ci',
      timezone: 'Z',
      dateStrings: false,
      supportBigNumbers: true,
      // A database that is down or hangs fails fast (UNAVAILABLE) instead of holding requests:
      // mysql2 gives each statement an inactivity timeout (switched on after the migrations,
      // which may run long: see database.module.ts), and connecting one too.
      connectTimeout: db.connectTimeoutMs,
      enableQueryTimeout: false,
      maxQueryExecutionTime: db.queryTimeoutMs,
      logger: new QuietTypeOrmLogger(),
      extra: { connectionLimit: 20 },
    };
  }
  if (db.path !== ':memory:') prepareSqliteFile(db.path);
  return {
    ...common,
    type: 'better-sqlite3',
    database: db.path,
    enableWAL: db.path !== ':memory:',
    prepareDatabase: (sqlite: { pragma: (s: string) => unknown }) => {
      sqlite.pragma('synchronous = NORMAL');
      sqlite.pragma('busy_timeout = 5000');
      sqlite.pragma('foreign_keys = ON');
    },
  };
}

/**
 * The SQLite file holds password hashes and tokens: only its owner may read it. Folders created
 * here are 0700 (an existing folder is left as it is: it may be shared, like /tmp); the file and
 * its WAL companions are 0600, also when an older version created them world-readable.
 */
function prepareSqliteFile(path: string): void {
  const folder = dirname(path);
  if (!existsSync(folder)) {
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    chmodSync(folder, 0o700); // mkdir's mode is masked by the umask
  }
  if (!existsSync(path)) closeSync(openSync(path, 'a', 0o600));
  for (const file of [path, `${path}-wal`, `${path}-shm`]) {
    if (existsSync(file)) chmodSync(file, 0o600);
  }
}
