/**
 * A MariaDB server of the bench's own (never the machine's shared one): a fresh datadir from
 * mariadb-install-db, its own loopback port and socket, the InnoDB buffer pool sized for the data
 * (`--innodb-buffer-pool-size`), every other setting MariaDB's default. The same flags as
 * scripts/cluster/cluster.mjs. Stopped, and its datadir deleted, by `stop()` or when the process
 * exits or is interrupted; a kept datadir (`keepDir`) survives and is reused on the next run.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { freePort } from '../test/free-port';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface OwnMariadbOptions {
  /** `--innodb-buffer-pool-size`, e.g. 1G. */
  bufferPool: string;
  /** Keep the datadir in this directory (created on first use, reused after). */
  keepDir?: string;
  /** More server options (`--name=value`), e.g. `--innodb-ft-result-cache-limit=...`. */
  extra?: string[];
}

export interface OwnMariadb {
  /** mariadb://bench@127.0.0.1:PORT, a user with every privilege and no password (loopback only). */
  url: string;
  settings: string[];
  stop(): Promise<void>;
}

const user = (): string => spawnSync('id', ['-un'], { encoding: 'utf8' }).stdout.trim();

function sql(socket: string, statements: string): { status: number | null; stderr: string } {
  return spawnSync(
    'mariadb',
    ['--no-defaults', `--socket=${socket}`, `-u${user()}`, '-e', statements],
    {
      encoding: 'utf8',
    },
  );
}

export async function startOwnMariadb(options: OwnMariadbOptions): Promise<OwnMariadb> {
  for (const bin of ['mariadbd', 'mariadb-install-db', 'mariadb'])
    if (spawnSync('sh', ['-c', `command -v ${bin} || test -x /usr/sbin/${bin}`]).status !== 0)
      throw new Error(`${bin} is missing: bash scripts/ensure-system-deps.sh installs it`);
  const mariadbd = existsSync('/usr/sbin/mariadbd') ? '/usr/sbin/mariadbd' : 'mariadbd';
  const root = options.keepDir ?? mkdtempSync(join(tmpdir(), 'minimeet-bench-mariadb-'));
  mkdirSync(root, { recursive: true });
  const datadir = join(root, 'data');
  const socket = join(root, 'mariadb.sock');
  if (!existsSync(join(datadir, 'mysql'))) {
    const init = spawnSync(
      'mariadb-install-db',
      ['--no-defaults', `--datadir=${datadir}`, '--skip-test-db', `--user=${user()}`],
      { encoding: 'utf8' },
    );
    if (init.status !== 0) throw new Error(`mariadb-install-db failed:\n${init.stderr}`);
  }
  const port = await freePort();
  const settings = [`--innodb-buffer-pool-size=${options.bufferPool}`, ...(options.extra ?? [])];
  const child: ChildProcess = spawn(
    mariadbd,
    [
      '--no-defaults',
      `--datadir=${datadir}`,
      `--socket=${socket}`,
      `--pid-file=${join(root, 'mariadbd.pid')}`,
      `--port=${port}`,
      '--bind-address=127.0.0.1',
      '--skip-name-resolve',
      `--user=${user()}`,
      ...settings,
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let log = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-4000);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  let stopped = false;
  const removeDatadir = (): void => {
    if (!options.keepDir) rmSync(root, { recursive: true, force: true });
  };
  /** On exit or interrupt without stop(): kill the server, then its datadir goes. */
  const onExit = (): void => {
    if (stopped) return;
    stopped = true;
    child.kill('SIGKILL');
    // The killed server may still hold files for a moment; removing them is safe for a fresh one.
    removeDatadir();
  };
  const onSignal = (signal: NodeJS.Signals): void => {
    onExit();
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.once('exit', onExit);
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    process.off('exit', onExit);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
      await exited;
      clearTimeout(timer);
    }
    removeDatadir();
  };

  try {
    const deadline = Date.now() + 60_000;
    while (sql(socket, 'SELECT 1').status !== 0) {
      if (child.exitCode !== null) throw new Error(`mariadbd exited:\n${log}`);
      if (Date.now() > deadline) throw new Error(`mariadbd did not start in 60 s:\n${log}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const setup = sql(
      socket,
      `CREATE USER IF NOT EXISTS 'bench'@'127.0.0.1';
       GRANT ALL PRIVILEGES ON *.* TO 'bench'@'127.0.0.1';`,
    );
    if (setup.status !== 0) throw new Error(`MariaDB setup failed:\n${setup.stderr}`);
  } catch (e) {
    await stop();
    throw e;
  }
  return { url: `mariadb://bench@127.0.0.1:${port}`, settings, stop };
}
