import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IceServersService } from '../rtc/ice-servers.service';
import type { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { RedisService } from '../redis/redis.module';
import { JanusInstance } from './janus-instance';
import type { JanusTurnServer } from './janus/janus-config';
import { JanusSupervisor } from './janus/janus-supervisor';

/**
 * The Janus instances calls above the mesh limit run on: the ones in JANUS_URLS, or a local Janus
 * this process supervises (generated config, restarted when it dies). With Redis, each process's
 * supervised Janus is registered there, so every process can reach every instance. Each call is
 * pinned to one instance, the least loaded when the call first needs one; with Redis every
 * process agrees on the pin. When an instance is lost its calls are pinned again to a live one.
 */
@Injectable()
export class JanusPoolService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('SFU');
  private readonly instances: JanusInstance[] = [];
  private supervisor: JanusSupervisor | null = null;
  private workDir: string | null = null;
  /** Calls pinned by this process (the only record without Redis): callId -> url. */
  private readonly pins = new Map<string, string>();
  private unavailableReason: string | null = null;
  /** The instance this process supervises, when it does. */
  private own: JanusInstance | null = null;
  private heartbeat: NodeJS.Timeout | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly redis: RedisService,
    private readonly ice: IceServersService,
  ) {}

  /** True when calls may use the SFU (it may be restarting at this moment). */
  get enabled(): boolean {
    return this.instances.length > 0;
  }

  async onModuleInit(): Promise<void> {
    const { sfu } = this.config;
    if (sfu.policy === 'mesh' || !sfu.janusEnabled) {
      this.unavailableReason = 'turned off by configuration';
    } else if (sfu.janusUrls.length > 0) {
      const secret = sfu.janusApiSecret ?? '';
      for (const url of sfu.janusUrls) {
        this.adopt(new JanusInstance(url, secret, sfu.janusAdminKey ?? undefined));
      }
    } else {
      await this.startLocal();
    }
    if (this.unavailableReason !== null) {
      this.logger.warn(
        `SFU unavailable (${this.unavailableReason}): calls are limited to ${sfu.meshMax} people (peer-to-peer mesh)`,
      );
    }
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.heartbeat) clearInterval(this.heartbeat);
    if (this.own) await this.redis.client?.del(this.aliveKey(this.own.url)).catch(() => 0);
    await Promise.all(this.instances.map((i) => i.close()));
    await this.supervisor?.stop();
    if (this.workDir) rmSync(this.workDir, { recursive: true, force: true });
  }

  /** The instance a call runs on, pinned on first use. */
  async instanceFor(callId: string): Promise<JanusInstance> {
    const pinned = await this.readPin(callId);
    const current = pinned ? await this.known(pinned) : null;
    if (current && (await this.alive(current))) return current;
    const choice = this.pick();
    const url = await this.writePin(callId, choice.url, pinned);
    return (await this.known(url)) ?? choice;
  }

  /** An instance by URL: one of ours, or another process's registered in Redis. */
  private async known(url: string): Promise<JanusInstance | null> {
    const mine = this.instances.find((i) => i.url === url);
    if (mine) return mine;
    const raw = await this.redis.client?.hget(this.registryKey, url);
    if (!raw) return null;
    const { apiSecret, adminKey } = JSON.parse(raw) as { apiSecret: string; adminKey?: string };
    return this.adopt(new JanusInstance(url, apiSecret, adminKey));
  }

  /** Keeps an instance in the pool, connected (retrying in the background), its loss heard. */
  private adopt(instance: JanusInstance): JanusInstance {
    this.instances.push(instance);
    for (const listener of this.lostListeners) instance.onLost(() => listener(instance));
    instance.connectInBackground(1_000);
    return instance;
  }

  /** Up, or restarting under a live supervisor (ours, or another process's still heart-beating). */
  private async alive(instance: JanusInstance): Promise<boolean> {
    if (instance.up || instance === this.own) return true;
    // An instance of JANUS_URLS that is down: its calls move to a live one (if there is one).
    if (this.config.sfu.janusUrls.length > 0) return !this.instances.some((i) => i.up);
    return (await this.redis.client?.exists(this.aliveKey(instance.url))) === 1;
  }

  private readonly lostListeners: ((instance: JanusInstance) => void)[] = [];

  /** Listens to every instance's loss (its rooms and handles are gone). */
  onInstanceLost(listener: (instance: JanusInstance) => void): void {
    this.lostListeners.push(listener);
    for (const instance of this.instances) instance.onLost(() => listener(instance));
  }

  async forget(callId: string): Promise<void> {
    this.pins.delete(callId);
    await this.redis.client?.del(this.pinKey(callId));
  }

  /** A live instance: our own Janus first, else the one with fewest calls pinned here. */
  private pick(): JanusInstance {
    if (this.own?.up) return this.own;
    const live = this.instances.filter((i) => i.up);
    const candidates = live.length > 0 ? live : this.instances;
    const load = (i: JanusInstance) => [...this.pins.values()].filter((u) => u === i.url).length;
    const sorted = [...candidates].sort((a, b) => load(a) - load(b));
    const first = sorted[0];
    if (!first) throw new Error('No Janus instance configured');
    return first;
  }

  private get registryKey(): string {
    return `${this.redis.prefix}sfu:instances`;
  }

  private aliveKey(url: string): string {
    return `${this.redis.prefix}sfu:alive:${url}`;
  }

  /** Tells the other processes where our Janus is and that we still supervise it. */
  private async register(instance: JanusInstance): Promise<void> {
    const redis = this.redis.client;
    if (!redis) return;
    const ttl = this.config.presenceTtlMs;
    const entry = JSON.stringify({ apiSecret: instance.apiSecret, adminKey: instance.adminKey });
    await redis.hset(this.registryKey, instance.url, entry);
    const beat = () => redis.set(this.aliveKey(instance.url), '1', 'PX', ttl);
    await beat();
    this.heartbeat = setInterval(() => void beat().catch(() => undefined), Math.max(250, ttl / 3));
    this.heartbeat.unref();
  }

  private pinKey(callId: string): string {
    return `${this.redis.prefix}sfu:pin:${callId}`;
  }

  private async readPin(callId: string): Promise<string | null> {
    const redis = this.redis.client;
    const url = redis ? await redis.get(this.pinKey(callId)) : (this.pins.get(callId) ?? null);
    if (url) this.pins.set(callId, url);
    return url;
  }

  /** Pins the call to `url` unless another process pinned it elsewhere first; returns the pin. */
  private async writePin(callId: string, url: string, previous: string | null): Promise<string> {
    const redis = this.redis.client;
    let pinned = url;
    if (redis) {
      const key = this.pinKey(callId);
      // Replace only the pin we read (a dead instance), so processes agree on one new pin.
      const swapped = (await redis.eval(
        `local cur = redis.call('GET', KEYS[1])
         if (cur == false and ARGV[2] == '') or cur == ARGV[2] then
           redis.call('SET', KEYS[1], ARGV[1], 'EX', 86400) return ARGV[1] end
         return cur`,
        1,
        key,
        url,
        previous ?? '',
      )) as string;
      pinned = swapped;
    }
    this.pins.set(callId, pinned);
    return pinned;
  }

  private async startLocal(): Promise<void> {
    const local = this.config.sfu.janusLocal;
    const apiSecret = this.config.sfu.janusApiSecret ?? randomBytes(24).toString('base64url');
    const adminKey = randomBytes(24).toString('base64url');
    this.workDir = mkdtempSync(join(tmpdir(), 'minimeet-janus-'));
    const wsPort = local.wsPort || (await freePort(local.bind));
    const turn = this.turnForJanus();
    this.supervisor = new JanusSupervisor({
      config: {
        workDir: this.workDir,
        wsHost: local.bind,
        wsPort,
        apiSecret,
        videoroomAdminKey: adminKey,
        rtpPortRange: local.rtpPorts,
        ...(local.publicIp ? { publicIp: local.publicIp } : {}),
        ...(local.iceInterface ? { iceEnforceList: local.iceInterface } : {}),
        ...(turn ? { turn } : {}),
      },
    });
    try {
      const started = await this.supervisor.start();
      if (started.status === 'unavailable') {
        this.unavailableReason = started.reason;
        this.supervisor = null;
        return;
      }
      const instance = new JanusInstance(started.url, apiSecret, adminKey);
      this.own = instance;
      await instance.connect();
      this.adopt(instance);
      await this.register(instance);
      this.logger.log(`supervising a local Janus at ${started.url} (pid ${started.pid})`);
    } catch (error) {
      this.unavailableReason = `Janus did not start: ${error instanceof Error ? error.message : String(error)}`;
      await this.supervisor?.stop();
      this.supervisor = null;
    }
  }

  /** The app's TURN server, with long-lived credentials in the same scheme, for Janus itself. */
  private turnForJanus(): JanusTurnServer | null {
    const server = this.ice
      .forUser('janus')
      .iceServers.find((s) => s.username && [s.urls].flat().some((u) => u.startsWith('turn:')));
    const url = server && [server.urls].flat().find((u) => u.startsWith('turn:'));
    const match = url ? /^turn:([^:?]+):?(\d+)?/.exec(url) : null;
    if (!server?.username || !server.credential || !match?.[1]) return null;
    return {
      host: match[1],
      port: Number(match[2] ?? 3478),
      username: server.username,
      password: server.credential,
    };
  }
}

function freePort(host: string): Promise<number> {
  return new Promise((ok, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(0, host, () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => ok(port));
    });
  });
}
