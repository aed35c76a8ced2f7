import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Search at scale on MariaDB (issue 10): a second full-text index whose words are scoped to a room
 * and to a slice of message ids, so a search of several frequent words intersects only the short
 * lists of the searcher's rooms in one slice, newest slice first, instead of the whole table's.
 * SQLite is unchanged (FTS5 intersects its lists in order and stops at the limit).
 *
 * - `search_term_log` gains the message and room of each change, and whether it is a new message
 *   (`inserted`: what the slice index has not caught up with yet).
 * - `search_slices`: per live message, its words as slice- and room-scoped tokens
 *   (`search/search-slices.ts` makes them; the server writes them as it folds the log, since
 *   MariaDB cannot split words inside a trigger).
 * - The messages already stored go into the log once more, with delta 0 (the counts do not
 *   change), so the server indexes them in the background.
 */
export class SearchSlices1767100000000 implements MigrationInterface {
  name = 'SearchSlices1767100000000';

  async up(q: QueryRunner): Promise<void> {
    if (q.connection.options.type === 'better-sqlite3') return;
    await q.query(
      'ALTER TABLE `search_term_log` ADD `message_id` bigint NULL, ADD `room_id` varchar(36) NULL, ADD `inserted` tinyint NOT NULL DEFAULT 0, ADD KEY `idx_search_term_log_inserted` (`inserted`, `message_id`)',
    );
    await q.query(
      'CREATE TABLE `search_slices` (`message_id` bigint NOT NULL PRIMARY KEY, `terms` mediumtext NOT NULL, FULLTEXT KEY `ft_search_slices_terms` (`terms`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE utf8mb4_bin',
    );
    await logTriggers(q, true);
    await q.query(
      'INSERT INTO `search_term_log` (`content`, `delta`, `message_id`, `room_id`, `inserted`) SELECT `content`, 0, `id`, `room_id`, 1 FROM `messages` WHERE `deleted_at` IS NULL ORDER BY `id`',
    );
  }

  async down(q: QueryRunner): Promise<void> {
    if (q.connection.options.type === 'better-sqlite3') return;
    await logTriggers(q, false);
    await q.query('DROP TABLE IF EXISTS `search_slices`');
    await q.query(
      'ALTER TABLE `search_term_log` DROP KEY `idx_search_term_log_inserted`, DROP `inserted`, DROP `room_id`, DROP `message_id`',
    );
  }
}

/**
 * The triggers that log every content a message gains (+1) or loses (-1), as migration
 * 1766900000000 made them, and with `withIds` also the message, its room and whether it is new.
 */
async function logTriggers(q: QueryRunner, withIds: boolean): Promise<void> {
  for (const trigger of ['search_term_log_ai', 'search_term_log_au', 'search_term_log_ad'])
    await q.query(`DROP TRIGGER IF EXISTS \`${trigger}\``);
  const columns = withIds ? '`content`, `delta`, `message_id`, `room_id`' : '`content`, `delta`';
  const row = (side: 'NEW' | 'OLD', delta: number): string =>
    withIds
      ? `(${side}.\`content\`, ${delta}, ${side}.\`id\`, ${side}.\`room_id\`)`
      : `(${side}.\`content\`, ${delta})`;
  await q.query(
    withIds
      ? `CREATE TRIGGER \`search_term_log_ai\` AFTER INSERT ON \`messages\` FOR EACH ROW INSERT INTO \`search_term_log\` (${columns}, \`inserted\`) VALUES (NEW.\`content\`, 1, NEW.\`id\`, NEW.\`room_id\`, 1)`
      : `CREATE TRIGGER \`search_term_log_ai\` AFTER INSERT ON \`messages\` FOR EACH ROW INSERT INTO \`search_term_log\` (${columns}) VALUES ${row('NEW', 1)}`,
  );
  await q.query(
    `CREATE TRIGGER \`search_term_log_au\` AFTER UPDATE ON \`messages\` FOR EACH ROW BEGIN IF NOT (OLD.\`content\` <=> NEW.\`content\`) THEN INSERT INTO \`search_term_log\` (${columns}) VALUES ${row('OLD', -1)}, ${row('NEW', 1)}; END IF; END`,
  );
  await q.query(
    `CREATE TRIGGER \`search_term_log_ad\` AFTER DELETE ON \`messages\` FOR EACH ROW INSERT INTO \`search_term_log\` (${columns}) VALUES ${row('OLD', -1)}`,
  );
}
