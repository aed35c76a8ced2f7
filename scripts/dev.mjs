// npm run dev: the server (recompiled and restarted on change) and the Vite dev server with hot
// reload, which proxies /api and /socket.io to the server. Ctrl+C stops both.
import { spawn, spawnSync } from 'node:child_process';

const run = (cmd, args, opts = {}) => spawn(cmd, args, { stdio: 'inherit', ...opts });
const build = spawnSync('npm', ['run', 'build', '-w', '@minimeet/contract'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
const first = spawnSync('npx', ['tsc', '-p', 'packages/server/tsconfig.build.json'], {
  stdio: 'inherit',
});
if (first.status !== 0) process.exit(first.status ?? 1);

const children = [
  run('npx', [
    'tsc',
    '-p',
    'packages/server/tsconfig.build.json',
    '--watch',
    '--preserveWatchOutput',
  ]),
  run(process.execPath, ['--watch', 'dist/main.js'], {
    cwd: 'packages/server',
    env: { ...process.env, WEB_DIST_DIR: 'none', DATA_DIR: '../../data' },
  }),
  run('npm', ['run', 'dev', '-w', '@minimeet/web']),
];
const stop = () => children.forEach((c) => c.kill('SIGTERM'));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
for (const c of children) c.on('exit', (code) => code && stop());
