/**
 * Runs the benchmark inside a private network namespace: loopback plus a veth pair whose one end
 * holds 127.0.0.2/32 (Janus gathers no candidate on `lo`, so ICE runs on that veth). Nothing can
 * leave the namespace: it has no route to anywhere else.
 */
import { execFileSync, spawnSync } from 'node:child_process';

const MARKER = 'MINIMEET_BENCH_NETNS';
/** The veth end Janus binds ICE to (its ice_enforce_list). */
export const BENCH_IFACE = 'mmb0';
export const BENCH_ADDRESS = '127.0.0.2';

/**
 * Outside the namespace: re-runs this very process under `unshare -n` and exits with its code.
 * Inside: brings lo and the veth pair up and returns.
 */
export function enterPrivateNetwork(): void {
  if (process.env[MARKER] !== '1') {
    const result = spawnSync(
      'unshare',
      ['-n', '--', process.execPath, ...process.execArgv, ...process.argv.slice(1)],
      { stdio: 'inherit', env: { ...process.env, [MARKER]: '1' } },
    );
    if (result.error) throw result.error;
    process.exit(result.status ?? 1);
  }
  const ip = (...args: string[]) => execFileSync('ip', args, { stdio: 'inherit' });
  ip('link', 'set', 'lo', 'up');
  ip('link', 'add', BENCH_IFACE, 'type', 'veth', 'peer', 'name', 'mmb1');
  ip('addr', 'add', `${BENCH_ADDRESS}/32`, 'dev', BENCH_IFACE);
  ip('link', 'set', BENCH_IFACE, 'up');
  ip('link', 'set', 'mmb1', 'up');
}
