import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../harness';
import { waitFor } from '../waitFor';

/** A real coturn on 127.0.0.1 with the `use-auth-secret` scheme (config from webrtc-testing.md). */
export class Coturn {
  readonly dir = mkdtempSync(join(tmpdir(), 'minimeet-turn-'));
  port = 0;
  private child: ChildProcess | null = null;
  private output = '';

  constructor(readonly secret: string) {}

  get url(): string {
    return `turn:127.0.0.1:${this.port}?transport=udp`;
  }

  async start(): Promise<void> {
    this.port = await freePort();
    const minPort = 40000 + Math.floor(Math.random() * 20000);
    const config = [
      'listening-ip=127.0.0.1',
      'relay-ip=127.0.0.1',
      `listening-port=${this.port}`,
      `min-port=${minPort}`,
      `max-port=${minPort + 100}`,
      'realm=minimeet.local',
      'use-auth-secret',
      `static-auth-secret=${this.secret}`,
      'fingerprint',
      'no-tls',
      'no-dtls',
      'no-cli',
      'no-multicast-peers',
      // Only for loopback tests, never in production.
      'allow-loopback-peers',
      `userdb=${join(this.dir, 'turndb')}`,
      `pidfile=${join(this.dir, 'turnserver.pid')}`,
      'log-file=stdout',
      'simple-log',
    ].join('\n');
    const file = join(this.dir, 'turnserver.conf');
    writeFileSync(file, `${config}\n`);
    const binary = process.env.TURNSERVER_PATH ?? '/usr/bin/turnserver';
    const child = spawn(binary, ['-c', file], { stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    child.stdout?.on('data', (d: Buffer) => (this.output += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (this.output += d.toString()));
    await waitFor(() => this.answersStun(), {
      timeout: 15_000,
      interval: 200,
      message: () => `coturn did not answer STUN on ${this.port}:\n${this.output.slice(-2000)}`,
    });
  }

  /** Sends a STUN Binding request and resolves true when coturn answers. */
  private answersStun(): Promise<boolean> {
    if (this.child?.exitCode !== null)
      return Promise.reject(new Error(`coturn exited:\n${this.output.slice(-2000)}`));
    return new Promise((resolve) => {
      const socket = createSocket('udp4');
      const request = Buffer.alloc(20);
      request.writeUInt16BE(0x0001, 0);
      request.writeUInt16BE(0, 2);
      request.writeUInt32BE(0x2112a442, 4);
      randomBytes(12).copy(request, 8);
      const done = (ok: boolean) => {
        clearTimeout(timer);
        socket.close();
        resolve(ok);
      };
      const timer = setTimeout(() => done(false), 300);
      socket.once('message', (msg) => done(msg.readUInt16BE(0) === 0x0101));
      socket.send(request, this.port, '127.0.0.1');
    });
  }

  async stop(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (child && child.exitCode === null) {
      const exited = new Promise((ok) => child.once('exit', ok));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}
