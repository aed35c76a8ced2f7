/**
 * Runs one Janus process with a generated config, waits until its WebSocket API answers,
 * restarts it with backoff when it dies, and stops it (SIGTERM, then SIGKILL).
 *
 *   const janus = new JanusSupervisor({ config: { workDir, wsPort, apiSecret, ... } });
 *   janus.onRestart(({ url }) => reconnect(url));
 *   const started = await janus.start(); // { status: 'running', url, pid } | { status: 'unavailable', reason }
 *   await janus.stop();
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { Logger, type LoggerService } from '@nestjs/common';
import { writeJanusConfig, type JanusConfigOptions } from './janus-config';
import { locateJanus } from './janus-install';
import { JanusProcessLogs } from './janus-process-logs';
import { janusWsUrl, waitForJanusApi } from './janus-readiness';
import { TypedEvents, describeError } from './typed-events';

export type JanusSupervisorStatus =
  'idle' | 'starting' | 'running' | 'restarting' | 'stopping' | 'stopped' | 'unavailable';

export interface JanusSupervisorOptions {
  /** The generated config; `modulesDir` defaults to the one found next to the binary. */
  config: Omit<JanusConfigOptions, 'modulesDir'> & { modulesDir?: string };
  /** Binary name (looked up in PATH) or path. Default "janus". */
  binary?: string;
  /** How long Janus may take to answer on its WebSocket API. Default 20 s. */
  readyTimeoutMs?: number;
  /** Delays before successive restarts; the last one repeats. Default 0.5, 1, 2, 5 s. */
  restartBackoffMs?: readonly number[];
  /** A process that ran this long resets the backoff. Default 30 s. */
  stableAfterMs?: number;
  /** Grace period between SIGTERM and SIGKILL. Default 5 s. */
  stopTimeoutMs?: number;
  /** Receives Janus's own output. Default: a Nest Logger named "Janus". */
  processLogger?: LoggerService;
}

export type JanusStartResult =
  { status: 'running'; url: string; pid: number } | { status: 'unavailable'; reason: string };

export interface JanusRunInfo {
  url: string;
  pid: number;
  /** Restarts since start(). */
  restarts: number;
  /** Spawn → API ready, in ms. */
  readyAfterMs: number;
}

export interface JanusExitInfo {
  pid: number;
  code: number | null;
  signal: NodeJS.Signals | null;
  /** true when stop() asked for it. */
  expected: boolean;
}

interface SupervisorEvents {
  restart: JanusRunInfo;
  exit: JanusExitInfo;
}

const DEFAULT_BACKOFF_MS = [500, 1_000, 2_000, 5_000] as const;

/** util-linux's setpriv, on every Debian: sets the parent-death signal, then runs the command. */
const SETPRIV = '/usr/bin/setpriv';

/**
 * The command that runs Janus so that it dies with this process even when we are killed (SIGKILL,
 * OOM, a crash): the 'exit' hook below does not run then, and an orphaned Janus would keep its
 * ports. Without setpriv, Janus runs directly.
 */
export function janusCommand(binary: string, args: string[]): [string, string[]] {
  return existsSync(SETPRIV)
    ? [SETPRIV, ['--pdeathsig', 'KILL', '--', binary, ...args]]
    : [binary, args];
}

export class JanusSupervisor {
  private readonly logger = new Logger(JanusSupervisor.name);
  private readonly events = new TypedEvents<SupervisorEvents>(this.logger);
  private readonly logs: JanusProcessLogs;
  private state: JanusSupervisorStatus = 'idle';
  private reason: string | undefined;
  private child: ChildProcess | undefined;
  private launchAbort: AbortController | undefined;
  private restartTimer: NodeJS.Timeout | undefined;
  private binary = '';
  private configDir = '';
  private restarts = 0;
  private failuresInARow = 0;
  private childStartedAt = 0;
  private readonly killOnExit = () => this.child?.kill('SIGKILL');

  readonly url: string;

  constructor(private readonly options: JanusSupervisorOptions) {
    this.url = janusWsUrl(options.config.wsHost ?? '127.0.0.1', options.config.wsPort);
    this.logs = new JanusProcessLogs(options.processLogger ?? new Logger('Janus'));
  }

  get status(): JanusSupervisorStatus {
    return this.state;
  }

  /** Why Janus is unavailable (status "unavailable"). */
  get unavailableReason(): string | undefined {
    return this.reason;
  }

  /** The running Janus process id, if any. */
  get pid(): number | undefined {
    return this.child?.exitCode === null && this.child.signalCode === null
      ? this.child.pid
      : undefined;
  }

  /** Fires when a restarted Janus answers again: sessions and rooms from before are gone. */
  onRestart(listener: (info: JanusRunInfo) => void): () => void {
    return this.events.on('restart', listener);
  }

  /** Fires whenever the Janus process exits, expected or not. */
  onExit(listener: (info: JanusExitInfo) => void): () => void {
    return this.events.on('exit', listener);
  }

  /**
   * Starts Janus and resolves once its API answers. Resolves "unavailable" (never throws) when
   * Janus is not installed; rejects if an installed Janus does not come up.
   */
  async start(): Promise<JanusStartResult> {
    if (this.state === 'running' && this.child?.pid !== undefined) {
      return { status: 'running', url: this.url, pid: this.child.pid };
    }
    if (this.state !== 'idle' && this.state !== 'stopped') {
      throw new Error(`Cannot start Janus while ${this.state}`);
    }
    const install = locateJanus({
      binary: this.options.binary,
      modulesDir: this.options.config.modulesDir,
    });
    if (!install.available) return this.markUnavailable(install.reason);

    this.binary = install.binary;
    this.configDir = writeJanusConfig({
      ...this.options.config,
      modulesDir: install.modulesDir,
    }).configDir;
    this.state = 'starting';
    this.restarts = 0;
    this.failuresInARow = 0;
    process.once('exit', this.killOnExit);
    try {
      const pid = await this.launch();
      this.state = 'running';
      return { status: 'running', url: this.url, pid };
    } catch (error) {
      if (this.isUnavailable() && this.reason)
        return { status: 'unavailable', reason: this.reason };
      await this.stop();
      const output = this.logs.tail().slice(-5).join(' | ');
      throw new Error(
        `Janus did not start: ${describeError(error)}${output ? `; output: ${output}` : ''}`,
      );
    }
  }

  /** Stops Janus: SIGTERM, then SIGKILL after stopTimeoutMs. Safe to call in any state. */
  async stop(): Promise<void> {
    if (this.state === 'unavailable') return;
    this.state = 'stopping';
    clearTimeout(this.restartTimer);
    this.restartTimer = undefined;
    this.launchAbort?.abort(new Error('Janus is stopping'));
    const child = this.child;
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      const timeout = this.options.stopTimeoutMs ?? 5_000;
      const inTime = await Promise.race([
        exited.then(() => true),
        new Promise<false>((resolve) => setTimeout(resolve, timeout, false).unref()),
      ]);
      if (!inTime) {
        this.logger.warn(`Janus (pid ${child.pid}) ignored SIGTERM for ${timeout} ms: killing it`);
        child.kill('SIGKILL');
        await exited;
      }
    }
    process.removeListener('exit', this.killOnExit);
    this.state = 'stopped';
  }

  /** Reads the state afresh (TypeScript would keep a narrowing from before an await). */
  private isUnavailable(): boolean {
    return this.state === 'unavailable';
  }

  private markUnavailable(reason: string): JanusStartResult {
    process.removeListener('exit', this.killOnExit);
    this.state = 'unavailable';
    this.reason = reason;
    this.logger.warn(`Janus unavailable: ${reason}`);
    return { status: 'unavailable', reason };
  }

  /** Spawns Janus and waits for its API; returns the pid. */
  private async launch(): Promise<number> {
    const abort = new AbortController();
    this.launchAbort = abort;
    const startedAt = Date.now();
    // -F: our config folder; -o: no colours. Janus stays in the foreground and logs to stdout.
    const [command, args] = janusCommand(this.binary, ['-F', this.configDir, '-o']);
    const child = spawn(command, args, {
      cwd: this.options.config.workDir,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    this.childStartedAt = startedAt;
    if (child.stdout) this.logs.attach(child.stdout);
    if (child.stderr) this.logs.attach(child.stderr);
    child.once('error', (error) => {
      if (child.pid === undefined) {
        this.markUnavailable(`cannot run ${this.binary}: ${error.message}`);
        abort.abort(error);
      }
    });
    child.once('exit', (code, signal) => {
      abort.abort(
        new Error(`Janus exited (code ${code}, signal ${signal}) before its API answered`),
      );
      this.handleExit(child, code, signal);
    });

    await waitForJanusApi(
      this.url,
      this.options.config.apiSecret,
      this.options.readyTimeoutMs ?? 20_000,
      abort.signal,
    );
    const pid = child.pid;
    if (pid === undefined) throw new Error('Janus has no pid');
    this.logger.log(`Janus ${pid} ready at ${this.url} after ${Date.now() - startedAt} ms`);
    return pid;
  }

  private handleExit(
    child: ChildProcess,
    code: number | null,
    signal: NodeJS.Signals | null,
  ): void {
    if (child !== this.child || child.pid === undefined) return;
    const expected = this.state === 'stopping' || this.state === 'stopped';
    this.events.emit('exit', { pid: child.pid, code, signal, expected });
    if (expected || this.state === 'starting' || this.state === 'unavailable') return;

    const ranFor = Date.now() - this.childStartedAt;
    if (ranFor >= (this.options.stableAfterMs ?? 30_000)) this.failuresInARow = 0;
    const backoff = this.options.restartBackoffMs ?? DEFAULT_BACKOFF_MS;
    const delay = backoff[Math.min(this.failuresInARow, backoff.length - 1)] ?? 1_000;
    this.failuresInARow++;
    this.state = 'restarting';
    this.logger.warn(
      `Janus (pid ${child.pid}) exited unexpectedly (code ${code}, signal ${signal}); restarting in ${delay} ms`,
    );
    this.restartTimer = setTimeout(() => void this.restart(), delay);
  }

  private async restart(): Promise<void> {
    this.restartTimer = undefined;
    if (this.state !== 'restarting') return;
    const startedAt = Date.now();
    try {
      const pid = await this.launch();
      if (this.state !== 'restarting') return;
      this.state = 'running';
      this.restarts++;
      this.events.emit('restart', {
        url: this.url,
        pid,
        restarts: this.restarts,
        readyAfterMs: Date.now() - startedAt,
      });
    } catch (error) {
      if (this.state !== 'restarting') return;
      this.logger.warn(`Restarted Janus did not come up: ${describeError(error)}`);
      // Still running but not answering: kill it; its exit schedules the next attempt.
      this.child?.kill('SIGKILL');
    }
  }
}
