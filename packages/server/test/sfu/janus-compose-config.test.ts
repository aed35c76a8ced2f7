/**
 * The compose file's Janus (deploy/janus/entrypoint.sh) writes its config in shell: it must say
 * what the app's own generator says for a Janus it supervises (same modules, secrets, ports,
 * NAT and lock-down settings), so both deployments behave alike.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../temp-dirs';
import {
  JANUS_PLUGINS,
  JANUS_TRANSPORTS,
  renderJanusConfig,
} from '../../src/sfu/janus/janus-config';

const entrypoint = resolve(__dirname, '../../../../deploy/janus/entrypoint.sh');

/** `section.key` → value of a .jcfg file (comments and blank lines left out). */
function settings(jcfg: string): Record<string, string> {
  const out: Record<string, string> = {};
  let section = '';
  for (const line of jcfg.split('\n')) {
    const open = /^(\w[\w-]*): \{$/.exec(line);
    const entry = /^\t([\w-]+) = (.*)$/.exec(line);
    if (open?.[1]) section = open[1];
    else if (entry?.[1] && entry[2] !== undefined) out[`${section}.${entry[1]}`] = entry[2];
  }
  return out;
}

describe('the compose Janus config (deploy/janus/entrypoint.sh)', () => {
  const temp = useTempDirs('janus-compose-');

  /** Runs the entrypoint in --print-config mode against a fake module folder. */
  function printConfig(env: Record<string, string>): { work: string; stderr: string; ok: boolean } {
    const modules = temp();
    for (const [kind, names] of [
      ['plugins', JANUS_PLUGINS],
      ['transports', JANUS_TRANSPORTS],
    ] as const) {
      mkdirSync(join(modules, kind));
      for (const name of names) writeFileSync(join(modules, kind, name), '');
    }
    const work = temp();
    try {
      execFileSync('sh', [entrypoint, '--print-config', work], {
        env: { PATH: process.env.PATH ?? '/usr/bin:/bin', JANUS_MODULES_DIR: modules, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      return { work, stderr: '', ok: true };
    } catch (error) {
      const stderr = (error as { stderr?: Buffer }).stderr?.toString() ?? '';
      return { work, stderr, ok: false };
    }
  }

  it('says what the app says for a Janus it supervises, the WebSocket address aside', () => {
    const secret = 'api-secret-"with\\quotes"';
    const { work, ok, stderr } = printConfig({
      JANUS_API_SECRET: secret,
      JANUS_ADMIN_KEY: 'room-admin',
      JANUS_RTP_PORTS: '20000-20099',
      JANUS_PUBLIC_IP: '203.0.113.7',
      JANUS_WS_PORT: '8188',
    });
    expect(stderr).toBe('');
    expect(ok).toBe(true);
    const expected = renderJanusConfig({
      workDir: work,
      modulesDir: '/unused',
      wsPort: 8188,
      apiSecret: secret,
      videoroomAdminKey: 'room-admin',
      rtpPortRange: { min: 20000, max: 20099 },
      publicIp: '203.0.113.7',
    });
    const conf = join(work, 'conf');
    expect(readdirSync(conf).sort()).toEqual(Object.keys(expected).sort());
    for (const [name, content] of Object.entries(expected)) {
      const want = settings(content);
      // The container listens on every address of its private network.
      if (name === 'janus.transport.websockets.jcfg') delete want['general.ws_ip'];
      expect(settings(readFileSync(join(conf, name), 'utf8')), name).toEqual(want);
    }
    // Exactly the two modules, nothing for events and loggers.
    expect(readdirSync(join(work, 'plugins'))).toEqual([...JANUS_PLUGINS]);
    expect(readdirSync(join(work, 'transports'))).toEqual([...JANUS_TRANSPORTS]);
    expect(readdirSync(join(work, 'events'))).toEqual([]);
  });

  it('refuses to start without secrets or with malformed settings', () => {
    const good = { JANUS_API_SECRET: 'a'.repeat(16), JANUS_ADMIN_KEY: 'k' };
    expect(printConfig({ JANUS_ADMIN_KEY: 'k' }).stderr).toContain('JANUS_API_SECRET');
    expect(printConfig({ ...good, JANUS_API_SECRET: 'short' }).stderr).toContain('16 characters');
    expect(printConfig({ JANUS_API_SECRET: 'a'.repeat(16) }).stderr).toContain('JANUS_ADMIN_KEY');
    expect(printConfig({ ...good, JANUS_RTP_PORTS: '20000' }).stderr).toContain('JANUS_RTP_PORTS');
    expect(printConfig({ ...good, JANUS_PUBLIC_IP: 'x; rm' }).stderr).toContain('JANUS_PUBLIC_IP');
    expect(printConfig({ ...good, JANUS_ADMIN_KEY: 'a\nb' }).stderr).toContain('control');
  });
});
