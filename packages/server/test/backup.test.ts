/**
 * Backups of the SQLite default: `npm run backup -- <file>` copies the database while the app
 * runs (SQLite's online backup API), and a fresh app started on the copy shows the messages.
 */
import type { MessagePage, Room } from '@minimeet/contract';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { api, connected, emitAck, registerUser, startServer, type TestServer } from './harness';

const run = promisify(execFile);
const serverDir = join(__dirname, '..');
const tsx = join(serverDir, '..', '..', 'node_modules', '.bin', 'tsx');

/** Runs the backup command as an operator would, with the app's settings in its environment. */
async function backupCommand(env: Record<string, string>, dest: string) {
  try {
    const { stdout, stderr } = await run(tsx, ['src/backup-cli.ts', dest], {
      cwd: serverDir,
      env: { ...process.env, NODE_ENV: 'test', JWT_SECRET: 'test-secret-0123456789abcdef', ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? 1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

describe('backup and restore (SQLite)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'minimeet-backup-'));
  const servers: TestServer[] = [];
  afterAll(async () => {
    for (const s of servers) await s.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('backs up while the app runs; a fresh app on the copy shows the messages sent before it', async () => {
    const live = {
      DATA_DIR: join(dir, 'live'),
      DATABASE_URL: join(dir, 'live', 'minimeet.sqlite'),
    };
    const app = await startServer(live);
    servers.push(app);
    const alice = await registerUser(app.url);
    const room = (
      await api<Room>(app.url, 'POST', '/api/rooms', {
        token: alice.accessToken,
        body: { name: 'Ops' },
      })
    ).body;
    const socket = await connected(app.url, alice.accessToken);
    const send = (content: string) =>
      emitAck(socket, 'sendMessage', { roomId: room.id, content, clientMessageId: randomUUID() });
    await emitAck(socket, 'joinRoom', { roomId: room.id, inviteToken: room.inviteToken });
    for (let i = 1; i <= 20; i++) expect((await send(`before backup ${i}`)).ok).toBe(true);

    // The app keeps serving while the copy is made.
    const dest = join(dir, 'backups', 'minimeet-backup.sqlite');
    const [result, during] = await Promise.all([backupCommand(live, dest), send('during backup')]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Backed up .* to .*minimeet-backup\.sqlite: \d+ bytes/);
    expect(during.ok).toBe(true);
    expect(statSync(dest).mode & 0o077).toBe(0); // holds password hashes: owner only
    expect(existsSync(`${dest}.partial`)).toBe(false);
    expect((await send('after backup')).ok).toBe(true);
    socket.disconnect();

    // Restore: a fresh app whose database path is the copy.
    const restored = await startServer({ DATA_DIR: join(dir, 'backups'), DATABASE_URL: dest });
    servers.push(restored);
    const login = await api<{ accessToken: string }>(restored.url, 'POST', '/api/auth/login', {
      body: { login: alice.user.username, password: alice.password },
    });
    expect(login.status).toBe(200);
    const history = await api<MessagePage>(
      restored.url,
      'GET',
      `/api/rooms/${room.id}/messages?limit=100`,
      { token: login.body.accessToken },
    );
    expect(history.status).toBe(200);
    const contents = history.body.items.map((m) => m.content);
    for (let i = 1; i <= 20; i++) expect(contents).toContain(`before backup ${i}`);
    expect(contents).not.toContain('after backup');
  });

  it('refuses a second backup over an existing file, and MariaDB with a pointer to mariadb-dump', async () => {
    const other = { DATA_DIR: join(dir, 'other'), DATABASE_URL: join(dir, 'other', 'db.sqlite') };
    mkdirSync(other.DATA_DIR);
    writeFileSync(other.DATABASE_URL, '');
    writeFileSync(join(dir, 'other', 'taken.sqlite'), 'an older backup');
    const existing = await backupCommand(other, join(dir, 'other', 'taken.sqlite'));
    expect(existing.code).toBe(1);
    expect(existing.stderr).toMatch(/exists already/);

    const mariadb = await backupCommand(
      { DATABASE_URL: 'mariadb://minimeet:secret@db.internal:3306/minimeet', DATA_DIR: dir },
      join(dir, 'never.sqlite'),
    );
    expect(mariadb.code).toBe(1);
    expect(mariadb.stderr).toMatch(/mariadb-dump --single-transaction .* minimeet/);
    expect(existsSync(join(dir, 'never.sqlite'))).toBe(false);
  });
});
