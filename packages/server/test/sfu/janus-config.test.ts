import { mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jcfgString } from '../../src/sfu/janus/jcfg';
import {
  renderJanusConfig,
  writeJanusConfig,
  type JanusConfigOptions,
} from '../../src/sfu/janus/janus-config';

const base: JanusConfigOptions = {
  workDir: '/srv/janus',
  modulesDir: '/usr/lib/x86_64-linux-gnu/janus',
  wsPort: 8989,
  apiSecret: 'api-secret',
  videoroomAdminKey: 'room-admin',
  rtpPortRange: { min: 40000, max: 40999 },
};

describe('renderJanusConfig', () => {
  it('writes secrets, folders, ports and NAT settings under their Janus names', () => {
    const files = renderJanusConfig({
      ...base,
      adminSecret: 'admin-secret',
      publicIp: '203.0.113.7',
      iceEnforceList: 'eth0',
      turn: { host: 'turn.example', port: 3478, username: 'u', password: 'p' },
      logLevel: 'info',
    });
    expect(Object.keys(files).sort()).toEqual([
      'janus.jcfg',
      'janus.plugin.videoroom.jcfg',
      'janus.transport.websockets.jcfg',
    ]);
    const core = files['janus.jcfg'];
    for (const line of [
      'configs_folder = "/srv/janus/conf"',
      'plugins_folder = "/srv/janus/plugins"',
      'transports_folder = "/srv/janus/transports"',
      'events_folder = "/srv/janus/events"',
      'loggers_folder = "/srv/janus/loggers"',
      'api_secret = "api-secret"',
      'token_auth = false',
      'admin_secret = "admin-secret"',
      'debug_level = 4',
      'rtp_port_range = "40000-40999"',
      'nat_1_1_mapping = "203.0.113.7"',
      'ice_enforce_list = "eth0"',
      'turn_server = "turn.example"',
      'turn_port = 3478',
      'turn_type = "udp"',
      'turn_user = "u"',
      'turn_pwd = "p"',
      'broadcast = false',
    ]) {
      expect(core).toContain(`\t${line}\n`);
    }
    expect(core).not.toContain('ice_ignore_list');
    const ws = files['janus.transport.websockets.jcfg'];
    for (const line of [
      'ws = true',
      'ws_port = 8989',
      'ws_ip = "127.0.0.1"',
      'wss = false',
      'admin_ws = false',
      'admin_wss = false',
    ]) {
      expect(ws).toContain(`\t${line}\n`);
    }
    const videoroom = files['janus.plugin.videoroom.jcfg'];
    expect(videoroom).toContain('\tadmin_key = "room-admin"\n');
    expect(videoroom).toContain('\tlock_rtp_forward = true\n');
    expect(videoroom).not.toMatch(/^room-/m);
  });

  it('leaves optional settings out and defaults to 127.0.0.1 and warnings', () => {
    const core = renderJanusConfig(base)['janus.jcfg'];
    expect(core).not.toMatch(/admin_secret|nat_1_1_mapping|turn_|ice_enforce_list/);
    expect(core).toContain('\tice_ignore_list = "vmnet"\n');
    expect(core).toContain('\tdebug_level = 3\n');
  });

  it('escapes strings and rejects values that could break the file', () => {
    expect(jcfgString('a"b\\c')).toBe('"a\\"b\\\\c"');
    expect(() => renderJanusConfig({ ...base, apiSecret: 'x"\ny' })).toThrow(/control character/);
    expect(() => renderJanusConfig({ ...base, apiSecret: '' })).toThrow(/apiSecret/);
    expect(() => renderJanusConfig({ ...base, wsPort: 70000 })).toThrow(/wsPort/);
    expect(() => renderJanusConfig({ ...base, rtpPortRange: { min: 50000, max: 40000 } })).toThrow(
      /above max/,
    );
  });
});

describe('writeJanusConfig', () => {
  it('creates the config folder and module folders holding only videoroom and websockets', () => {
    const workDir = mkdtempSync(join(tmpdir(), 'minimeet-janus-config-'));
    try {
      const layout = writeJanusConfig({ ...base, workDir });
      expect(readdirSync(layout.configDir).sort()).toEqual([
        'janus.jcfg',
        'janus.plugin.videoroom.jcfg',
        'janus.transport.websockets.jcfg',
      ]);
      expect(readFileSync(join(layout.configDir, 'janus.jcfg'), 'utf8')).toContain(
        `"${workDir}/plugins"`,
      );
      expect(readdirSync(layout.pluginsDir)).toEqual(['libjanus_videoroom.so']);
      expect(readlinkSync(join(layout.pluginsDir, 'libjanus_videoroom.so'))).toBe(
        `${base.modulesDir}/plugins/libjanus_videoroom.so`,
      );
      expect(readdirSync(layout.transportsDir)).toEqual(['libjanus_websockets.so']);
      expect(readdirSync(layout.eventsDir)).toEqual([]);
      expect(readdirSync(layout.loggersDir)).toEqual([]);
      // Rewriting replaces everything (restart with changed options).
      writeJanusConfig({ ...base, workDir, wsPort: 9000 });
      expect(
        readFileSync(join(layout.configDir, 'janus.transport.websockets.jcfg'), 'utf8'),
      ).toContain('ws_port = 9000');
    } finally {
      rmSync(workDir, { recursive: true, force: true });
    }
  });
});
