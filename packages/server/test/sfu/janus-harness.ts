/**
 * Test harness: a supervised Janus on 127.0.0.1 with a random free port and a temporary work
 * dir, and helpers to inspect its sockets. Every start is paired with a cleanup.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { freePort } from '../free-port';
import { JanusSupervisor, type JanusSupervisorOptions } from '../../src/sfu/janus/janus-supervisor';

// Janus's own output is logged at debug level: keep test output to warnings and errors.
Logger.overrideLogger(['log', 'warn', 'error', 'fatal']);

export interface TestJanus {
  supervisor: JanusSupervisor;
  apiSecret: string;
  adminKey: string;
  workDir: string;
  wsPort: number;
  cleanup(): Promise<void>;
}

/** Builds (does not start) a supervisor with fresh secrets, port and work dir. */
export async function createTestJanus(
  overrides: Partial<Omit<JanusSupervisorOptions, 'config'>> = {},
): Promise<TestJanus> {
  const workDir = mkdtempSync(join(tmpdir(), 'minimeet-janus-'));
  const wsPort = await freePort();
  const apiSecret = randomBytes(16).toString('hex');
  const adminKey = randomBytes(16).toString('hex');
  const rtpMin = 20_000 + Math.floor(Math.random() * 400) * 100;
  const supervisor = new JanusSupervisor({
    readyTimeoutMs: 15_000,
    stopTimeoutMs: 3_000,
    ...overrides,
    config: {
      workDir,
      wsPort,
      apiSecret,
      videoroomAdminKey: adminKey,
      rtpPortRange: { min: rtpMin, max: rtpMin + 99 },
      logLevel: 'warn',
    },
  });
  return {
    supervisor,
    apiSecret,
    adminKey,
    workDir,
    wsPort,
    cleanup: async () => {
      await supervisor.stop();
      rmSync(workDir, { recursive: true, force: true });
    },
  };
}

export interface ListeningSocket {
  protocol: 'tcp' | 'tcp6';
  address: string;
  port: number;
}

function decodeAddress(hex: string, protocol: 'tcp' | 'tcp6'): string {
  // /proc/net/tcp* store addresses as 32-bit words in host (little-endian) byte order.
  const words = hex.match(/.{8}/g) ?? [];
  const bytes = words.flatMap((w) => (w.match(/../g) ?? []).reverse().map((b) => parseInt(b, 16)));
  if (protocol === 'tcp') return bytes.join('.');
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2)
    groups.push((((bytes[i] ?? 0) << 8) | (bytes[i + 1] ?? 0)).toString(16));
  return groups.join(':');
}

/** TCP sockets in LISTEN state owned by `pid` (matched by socket inode). */
export function listeningSockets(pid: number): ListeningSocket[] {
  const inodes = new Set<string>();
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      const match = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
      if (match?.[1]) inodes.add(match[1]);
    } catch {
      // fd closed meanwhile
    }
  }
  const result: ListeningSocket[] = [];
  for (const protocol of ['tcp', 'tcp6'] as const) {
    const lines = readFileSync(`/proc/net/${protocol}`, 'utf8').trim().split('\n').slice(1);
    for (const line of lines) {
      const fields = line.trim().split(/\s+/);
      const [local, state, inode] = [fields[1], fields[3], fields[9]];
      if (state !== '0A' || !local || !inode || !inodes.has(inode)) continue;
      const [addr = '', port = ''] = local.split(':');
      result.push({ protocol, address: decodeAddress(addr, protocol), port: parseInt(port, 16) });
    }
  }
  return result;
}

/** True if anything on the machine listens on TCP `port` (any address). */
export function anyoneListensOn(port: number): boolean {
  return (['tcp', 'tcp6'] as const).some((protocol) =>
    readFileSync(`/proc/net/${protocol}`, 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .some((line) => {
        const fields = line.trim().split(/\s+/);
        return fields[3] === '0A' && parseInt(fields[1]?.split(':')[1] ?? '', 16) === port;
      }),
  );
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Resolves with the first event, rejects after `ms`. */
export function nextEvent<T>(
  subscribe: (listener: (value: T) => void) => () => void,
  ms: number,
  what: string,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`timed out after ${ms} ms waiting for ${what}`));
    }, ms);
    const off = subscribe((value) => {
      clearTimeout(timer);
      off();
      resolve(value);
    });
  });
}
