import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createApp } from './app.factory';
import { ConfigError, loadConfig } from './config/config';

// A stray rejection is a bug to log, not a reason to drop every connected user.
process.on('unhandledRejection', (reason: unknown) => {
  new Logger('Process').error(
    `Unhandled rejection: ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}`,
  );
});

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw e;
  }
  for (const notice of config.notices) new Logger('Config').warn(notice);
  const app = await createApp(config);
  await app.listen(config.port, config.host);
  const db =
    config.database.type === 'sqlite'
      ? `SQLite ${config.database.path}`
      : `MySQL/MariaDB ${config.database.database}`;
  new Logger('Bootstrap').log(
    `MiniMeet listening on http://localhost:${config.port} (${db}, ${config.redisUrl ? 'Redis adapter' : 'in-memory adapter'})`,
  );
}

main().catch((e: unknown) => {
  new Logger('Bootstrap').error(e instanceof Error ? (e.stack ?? e.message) : String(e));
  process.exit(1);
});
