/**
 * `npm run backup -- <destination file>`: an online copy of the SQLite database named by the same
 * settings the server reads (DATABASE_URL, DATA_DIR). Restore: stop the app, copy the file over the
 * database path (removing any -wal/-shm files beside it), start the app.
 */
import { BackupRefused, backupSqlite } from './backup/sqlite-backup';
import { ConfigError, loadConfig } from './config/config';

async function main(argv: string[]): Promise<number> {
  const destination = argv[0];
  if (destination === undefined || argv.length > 1) {
    process.stderr.write('Usage: npm run backup -- <destination file>\n');
    return 2;
  }
  try {
    const config = loadConfig();
    const result = await backupSqlite(config.database, destination);
    process.stdout.write(
      `Backed up ${result.source} to ${result.destination}: ${result.bytes} bytes, ` +
        `${result.pages} pages in ${result.durationMs} ms\n`,
    );
    return 0;
  } catch (error) {
    if (error instanceof BackupRefused || error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(
      `Backup failed: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(1);
  },
);
