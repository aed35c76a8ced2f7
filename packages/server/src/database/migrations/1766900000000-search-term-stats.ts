import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Search at scale (issue 10): term statistics, so the search can tell a rare word (straight to the
 * full-text index) from a frequent one (a newest-first scan) before it reads any message.
 *
 * - `search_terms`: per folded word, about how many messages hold it. An estimate that only steers
 *   the plan: both plans return the same results.
 * - `search_term_log`: what changed since the counts were last brought up to date. Triggers append
 *   the content a message gains (+1) or loses (-1) on insert, edit, soft delete (the content is
 *   blanked) and delete; the server splits it into words and folds it into `search_terms`
 *   (`SearchStats`), since neither database can split words inside a trigger. The live messages
 *   already stored go into the log here, so the counts cover them once the server has caught up.
 */
export class SearchTermStats1766900000000 implements MigrationInterface {
  name = 'SearchTermStats1766900000000';

  async up(q: QueryRunner): Promise<void> {
    if (q.connection.options.type === 'better-sqlite3') {
      await q.query(
        'CREATE TABLE "search_terms" ("term" varchar(64) PRIMARY KEY NOT NULL, "docs" integer NOT NULL)',
      );
      await q.query(
        'CREATE TABLE "search_term_log" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "content" text NOT NULL, "delta" integer NOT NULL)',
      );
      await q.query(
        `CREATE TRIGGER search_term_log_ai AFTER INSERT ON messages BEGIN INSERT INTO search_term_log(content, delta) VALUES (new.content, 1); END`,
      );
      await q.query(
        `CREATE TRIGGER search_term_log_au AFTER UPDATE OF content ON messages WHEN old.content IS NOT new.content BEGIN INSERT INTO search_term_log(content, delta) VALUES (old.content, -1), (new.content, 1); END`,
      );
      await q.query(
        `CREATE TRIGGER search_term_log_ad AFTER DELETE ON messages BEGIN INSERT INTO search_term_log(content, delta) VALUES (old.content, -1); END`,
      );
    } else {
      await q.query(
        'CREATE TABLE `search_terms` (`term` varchar(64) COLLATE utf8mb4_bin NOT NULL PRIMARY KEY, `docs` int NOT NULL) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4',
      );
      await q.query(
        'CREATE TABLE `search_term_log` (`id` bigint NOT NULL AUTO_INCREMENT PRIMARY KEY, `content` text NOT NULL, `delta` tinyint NOT NULL) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4',
      );
      await q.query(
        'CREATE TRIGGER `search_term_log_ai` AFTER INSERT ON `messages` FOR EACH ROW INSERT INTO `search_term_log` (`content`, `delta`) VALUES (NEW.`content`, 1)',
      );
      await q.query(
        'CREATE TRIGGER `search_term_log_au` AFTER UPDATE ON `messages` FOR EACH ROW BEGIN IF NOT (OLD.`content` <=> NEW.`content`) THEN INSERT INTO `search_term_log` (`content`, `delta`) VALUES (OLD.`content`, -1), (NEW.`content`, 1); END IF; END',
      );
      await q.query(
        'CREATE TRIGGER `search_term_log_ad` AFTER DELETE ON `messages` FOR EACH ROW INSERT INTO `search_term_log` (`content`, `delta`) VALUES (OLD.`content`, -1)',
      );
    }
    await q.query(
      `INSERT INTO search_term_log (content, delta) SELECT content, 1 FROM messages WHERE deleted_at IS NULL ORDER BY id`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    const sqlite = q.connection.options.type === 'better-sqlite3';
    for (const trigger of ['search_term_log_ai', 'search_term_log_au', 'search_term_log_ad'])
      await q.query(
        sqlite ? `DROP TRIGGER IF EXISTS ${trigger}` : `DROP TRIGGER IF EXISTS \`${trigger}\``,
      );
    await q.query('DROP TABLE IF EXISTS search_term_log');
    await q.query('DROP TABLE IF EXISTS search_terms');
  }
}
