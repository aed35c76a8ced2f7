/** Settings of calls above the mesh limit: the SFU (Janus) and how calls choose their transport. */

export type CallMediaPolicy = 'auto' | 'mesh' | 'sfu';

export interface JanusLocalConfig {
  /** Address the supervised Janus's WebSocket API binds to (loopback or a private address). */
  bind: string;
  /** Its WebSocket port; 0 picks a free one at start. */
  wsPort: number;
  rtpPorts: { min: number; max: number };
  /** Address written into Janus's host candidates (`nat_1_1_mapping`), e.g. the public IP. */
  publicIp: string | null;
  /** Interface or address prefix Janus gathers candidates on (`ice_enforce_list`). */
  iceInterface: string | null;
}

export interface SfuConfig {
  policy: CallMediaPolicy;
  /** A call moves from the mesh to the SFU when it would grow past this many people. */
  meshMax: number;
  /** The most people an SFU call holds. */
  maxParticipants: number;
  /** External Janus instances; empty means a local Janus that the server supervises. */
  janusUrls: string[];
  /** Janus API secret (generated per start for the supervised Janus when not set). */
  janusApiSecret: string | null;
  /** The videoroom plugin's admin_key of external instances (generated for the supervised one). */
  janusAdminKey: string | null;
  janusLocal: JanusLocalConfig;
  /** Start the local Janus at all (JANUS_DISABLED=true turns the SFU off). */
  janusEnabled: boolean;
}

export interface SfuEnv {
  str: (name: string) => string | undefined;
  int: (name: string, fallback: number, min: number, max: number) => number;
  list: (name: string) => string[];
  problems: string[];
  notices: string[];
}

const POLICIES: readonly CallMediaPolicy[] = ['auto', 'mesh', 'sfu'];

export function parseSfuConfig(env: SfuEnv): SfuConfig {
  const { str, int, list, problems, notices } = env;
  const policy = str('CALL_MEDIA') ?? 'auto';
  if (!(POLICIES as readonly string[]).includes(policy)) {
    problems.push(`CALL_MEDIA must be auto, mesh or sfu (got "${policy}")`);
  }
  let meshMax = int('CALL_MESH_MAX', 4, 2, 16);
  if (str('CALL_MESH_MAX') === undefined && str('CALL_MAX_PEERS') !== undefined) {
    meshMax = int('CALL_MAX_PEERS', 4, 2, 16);
    notices.push('CALL_MAX_PEERS is the old name of CALL_MESH_MAX; please rename it');
  }
  const maxParticipants = int('CALL_MAX_PARTICIPANTS', 25, 2, 100);
  if (maxParticipants < meshMax) {
    problems.push(
      `CALL_MAX_PARTICIPANTS (${maxParticipants}) must be at least CALL_MESH_MAX (${meshMax})`,
    );
  }
  const janusUrls = list('JANUS_URLS');
  for (const url of janusUrls) {
    if (!/^wss?:\/\/[^\s/]+/.test(url)) problems.push(`JANUS_URLS: "${url}" is not a ws:// URL`);
  }
  const janusApiSecret = str('JANUS_API_SECRET') ?? null;
  if (janusUrls.length > 0 && janusApiSecret === null) {
    problems.push('JANUS_API_SECRET is required when JANUS_URLS is set');
  }
  if (janusApiSecret !== null && janusApiSecret.length < 16) {
    problems.push('JANUS_API_SECRET must be at least 16 characters');
  }
  const bind = str('JANUS_BIND') ?? '127.0.0.1';
  if (!isPrivateAddress(bind)) {
    problems.push(`JANUS_BIND must be a loopback or private address (got "${bind}")`);
  }
  const rtpPorts = parseRange(str('JANUS_RTP_PORTS') ?? '20000-20999', problems);
  const publicIp = str('JANUS_PUBLIC_IP') ?? null;
  if (publicIp !== null && !/^[0-9a-f.:]+$/i.test(publicIp)) {
    problems.push(`JANUS_PUBLIC_IP must be an IP address (got "${publicIp}")`);
  }
  const disabled = str('JANUS_DISABLED') ?? 'false';
  if (disabled !== 'true' && disabled !== 'false') {
    problems.push(`JANUS_DISABLED must be true or false (got "${disabled}")`);
  }
  return {
    policy: policy as CallMediaPolicy,
    meshMax,
    maxParticipants,
    janusUrls,
    janusApiSecret,
    janusAdminKey: str('JANUS_ADMIN_KEY') ?? null,
    janusEnabled: disabled !== 'true',
    janusLocal: {
      bind,
      wsPort: int('JANUS_WS_PORT', 0, 0, 65535),
      rtpPorts,
      publicIp,
      iceInterface: str('JANUS_ICE_INTERFACE') ?? null,
    },
  };
}

function parseRange(raw: string, problems: string[]): { min: number; max: number } {
  const match = /^(\d+)-(\d+)$/.exec(raw);
  const min = Number(match?.[1]);
  const max = Number(match?.[2]);
  if (!match || min < 1024 || max > 65535 || max - min < 10) {
    problems.push(`JANUS_RTP_PORTS must look like 20000-20999 (at least 10 ports; got "${raw}")`);
    return { min: 20000, max: 20999 };
  }
  return { min, max };
}

/** Loopback, RFC 1918 and unique-local addresses: where Janus's API may listen. */
function isPrivateAddress(ip: string): boolean {
  return (
    /^127\./.test(ip) ||
    /^10\./.test(ip) ||
    /^192\.168\./.test(ip) ||
    /^172\.(1[6-9]|2\d|3[01])\./.test(ip) ||
    ip === '::1' ||
    /^f[cd][0-9a-f]{2}:/i.test(ip)
  );
}
