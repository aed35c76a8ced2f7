/**
 * Builds the complete configuration folder of a Janus instance that MiniMeet supervises:
 * only the videoroom plugin and the WebSocket transport (bound to one address), API secret
 * required, no admin API, no event handlers, no loggers.
 *
 * Janus loads every `*.so` in its plugin/transport/event/logger folders, so instead of
 * maintaining "disable" lists we point those folders at directories inside the work dir that
 * hold symlinks to exactly the modules we want (and nothing for events and loggers).
 */
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderJcfg } from './jcfg';

export const JANUS_LOG_LEVELS = {
  none: 0,
  fatal: 1,
  error: 2,
  warn: 3,
  info: 4,
  verbose: 5,
  huge: 6,
  debug: 7,
} as const;
export type JanusLogLevel = keyof typeof JANUS_LOG_LEVELS;

export interface JanusTurnServer {
  host: string;
  port: number;
  transport?: 'udp' | 'tcp' | 'tls';
  username: string;
  password: string;
}

export interface JanusConfigOptions {
  /** Folder owned by this instance; `conf/`, `plugins/`, `transports/`... are created in it. */
  workDir: string;
  /** Folder of the installed Janus modules (holds plugins/ and transports/). */
  modulesDir: string;
  /** Address the WebSocket API binds to. Default 127.0.0.1. */
  wsHost?: string;
  wsPort: number;
  apiSecret: string;
  /** Only needed if the admin API is ever enabled; it is not, here. */
  adminSecret?: string;
  /** videoroom `admin_key`: required to create rooms (and RTP forwarders). */
  videoroomAdminKey: string;
  rtpPortRange: { min: number; max: number };
  /** Public address written into host candidates (`nat_1_1_mapping`). */
  publicIp?: string;
  /** Interfaces or address prefixes to gather ICE candidates on (`ice_enforce_list`). */
  iceEnforceList?: string;
  /** TURN server Janus itself relays through (static credentials). */
  turn?: JanusTurnServer;
  logLevel?: JanusLogLevel;
  /** Seconds without a request before Janus drops a session. Default 60. */
  sessionTimeoutSeconds?: number;
}

export const JANUS_PLUGINS = ['libjanus_videoroom.so'] as const;
export const JANUS_TRANSPORTS = ['libjanus_websockets.so'] as const;

export interface JanusConfigLayout {
  configDir: string;
  pluginsDir: string;
  transportsDir: string;
  eventsDir: string;
  loggersDir: string;
}

export type JanusConfigFiles = Readonly<Record<string, string>>;

export function janusConfigLayout(workDir: string): JanusConfigLayout {
  return {
    configDir: join(workDir, 'conf'),
    pluginsDir: join(workDir, 'plugins'),
    transportsDir: join(workDir, 'transports'),
    eventsDir: join(workDir, 'events'),
    loggersDir: join(workDir, 'loggers'),
  };
}

function checkPort(name: string, port: number): number {
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`${name} must be a port number (1-65535), got ${port}`);
  }
  return port;
}

/** Pure: the file name → content of every config file. */
export function renderJanusConfig(options: JanusConfigOptions): JanusConfigFiles {
  const layout = janusConfigLayout(options.workDir);
  const { min, max } = options.rtpPortRange;
  checkPort('rtpPortRange.min', min);
  checkPort('rtpPortRange.max', max);
  if (min > max) throw new Error(`rtpPortRange.min (${min}) is above max (${max})`);
  if (options.apiSecret.length === 0) throw new Error('apiSecret must not be empty');
  if (options.videoroomAdminKey.length === 0)
    throw new Error('videoroomAdminKey must not be empty');
  const turn = options.turn;

  const core = renderJcfg({
    general: {
      configs_folder: layout.configDir,
      plugins_folder: layout.pluginsDir,
      transports_folder: layout.transportsDir,
      events_folder: layout.eventsDir,
      loggers_folder: layout.loggersDir,
      log_to_stdout: true,
      debug_level: JANUS_LOG_LEVELS[options.logLevel ?? 'warn'],
      debug_timestamps: false,
      debug_colors: false,
      api_secret: options.apiSecret,
      token_auth: false,
      admin_secret: options.adminSecret,
      server_name: 'MiniMeet SFU',
      session_timeout: options.sessionTimeoutSeconds ?? 60,
      hide_dependencies: true,
      protected_folders: [
        '/bin',
        '/boot',
        '/dev',
        '/etc',
        '/lib',
        '/proc',
        '/sbin',
        '/sys',
        '/usr',
        '/var',
      ],
    },
    certificates: {},
    media: {
      ipv6: false,
      rtp_port_range: `${min}-${max}`,
    },
    nat: {
      nice_debug: false,
      ignore_mdns: true,
      nat_1_1_mapping: options.publicIp,
      ice_enforce_list: options.iceEnforceList,
      ice_ignore_list: options.iceEnforceList === undefined ? 'vmnet' : undefined,
      turn_server: turn?.host,
      turn_port: turn === undefined ? undefined : checkPort('turn.port', turn.port),
      turn_type: turn === undefined ? undefined : (turn.transport ?? 'udp'),
      turn_user: turn?.username,
      turn_pwd: turn?.password,
    },
    // Belt and braces: the folders above only hold the wanted modules anyway.
    plugins: {},
    transports: {},
    loggers: {},
    events: { broadcast: false },
  });

  const websockets = renderJcfg({
    general: {
      events: false,
      json: 'compact',
      ws: true,
      ws_port: checkPort('wsPort', options.wsPort),
      ws_ip: options.wsHost ?? '127.0.0.1',
      wss: false,
      ws_logging: 'err',
    },
    admin: { admin_ws: false, admin_wss: false },
    cors: {},
    certificates: {},
  });

  const videoroom = renderJcfg({
    general: {
      admin_key: options.videoroomAdminKey,
      lock_rtp_forward: true,
      events: false,
      string_ids: false,
    },
  });

  return {
    'janus.jcfg': core,
    'janus.transport.websockets.jcfg': websockets,
    'janus.plugin.videoroom.jcfg': videoroom,
  };
}

/** Writes (replacing) the config folder and the module folders; returns where they are. */
export function writeJanusConfig(options: JanusConfigOptions): JanusConfigLayout {
  const files = renderJanusConfig(options);
  const layout = janusConfigLayout(options.workDir);
  const { configDir, pluginsDir, transportsDir, eventsDir, loggersDir } = layout;
  for (const dir of [configDir, pluginsDir, transportsDir, eventsDir, loggersDir]) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  }
  for (const [name, content] of Object.entries(files)) {
    writeFileSync(join(layout.configDir, name), content, { mode: 0o600 });
  }
  for (const name of JANUS_PLUGINS) {
    symlinkSync(join(options.modulesDir, 'plugins', name), join(layout.pluginsDir, name));
  }
  for (const name of JANUS_TRANSPORTS) {
    symlinkSync(join(options.modulesDir, 'transports', name), join(layout.transportsDir, name));
  }
  return layout;
}
