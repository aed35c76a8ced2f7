/**
 * Proves a running deployment's calls reach its Janus: people join one call through the load
 * balancer (spread over the app processes) until it grows past the mesh limit and moves to the
 * SFU; each then joins the media server and publishes, and Janus answers every offer. The
 * answers' ICE candidates must carry the public address and RTP ports the compose Janus was given
 * (the app image has no Janus of its own). No media flows (nobody answers ICE), so nobody counts
 * as a publisher in the videoroom. Exits non-zero with the reason on any failure.
 *
 *   npx tsx scripts/compose-sfu.ts http://127.0.0.1:8080 203.0.113.7 20000-20099
 */
import type { CallLimitsResponse, Room } from '@minimeet/contract';
import { publisherOffer } from '../test/sfu/sdp-fixtures';
import {
  ask,
  baseUrl,
  call,
  connect,
  fail,
  signUpAndIn,
  unwrap,
  type ClientSocket,
} from './compose-client';

const base = baseUrl();
const publicIp = process.argv[3] ?? '';
const [rtpMin, rtpMax] = (process.argv[4] ?? '').split('-').map(Number) as [number, number];

/** The host candidates of an SDP: address and port of each `a=candidate` line. */
function candidates(sdp: string): { address: string; port: number }[] {
  return [...sdp.matchAll(/^a=candidate:\S+ \d+ udp \d+ (\S+) (\d+) typ host/gim)].map((m) => ({
    address: m[1] ?? '',
    port: Number(m[2]),
  }));
}

async function main(): Promise<void> {
  if (!publicIp || !(rtpMin > 0 && rtpMax >= rtpMin)) {
    throw new Error('usage: compose-sfu.ts <base URL> <JANUS_PUBLIC_IP> <rtp min>-<rtp max>');
  }
  const started = Date.now();
  const owner = await signUpAndIn(base, 'host');
  const limits = await call<CallLimitsResponse>(
    base,
    'GET',
    '/api/calls/limits',
    undefined,
    owner.accessToken,
  );
  if (!limits.sfu) throw new Error(`the server has no SFU: ${JSON.stringify(limits)}`);
  const room = await call<Room>(
    base,
    'POST',
    '/api/rooms',
    { name: 'SFU check' },
    owner.accessToken,
  );
  const people = [owner];
  for (let i = 1; i <= limits.meshMax; i++) people.push(await signUpAndIn(base, `guest${i}`));
  const sockets: ClientSocket[] = [];
  try {
    for (const person of people) sockets.push(await connect(base, person.accessToken));
    let media = 'none';
    for (const socket of sockets) {
      unwrap(
        'joinRoom',
        await ask(socket, 'joinRoom', { roomId: room.id, inviteToken: room.inviteToken }),
      );
      media = unwrap('joinCall', await ask(socket, 'joinCall', { roomId: room.id })).media;
    }
    if (media !== 'sfu') throw new Error(`a call of ${sockets.length} stayed on the ${media}`);
    const ports: number[] = [];
    for (const socket of sockets) {
      unwrap('sfuJoin', await ask(socket, 'sfuJoin', { roomId: room.id }));
      const offer = publisherOffer();
      const { answer } = unwrap(
        'sfuPublish',
        await ask(socket, 'sfuPublish', { roomId: room.id, offer }),
      );
      if (answer.type !== 'answer' || !answer.sdp.includes('m=video')) {
        throw new Error(`Janus's answer holds no video: ${answer.sdp}`);
      }
      const found = candidates(answer.sdp);
      const wrong = found.filter(
        (c) => c.address !== publicIp || c.port < rtpMin || c.port > rtpMax,
      );
      if (found.length === 0 || wrong.length > 0) {
        throw new Error(`expected candidates on ${publicIp}:${rtpMin}-${rtpMax}: ${answer.sdp}`);
      }
      ports.push(...found.map((c) => c.port));
    }
    console.log(
      `SFU through ${base}: ${sockets.length} people, the call moved to the SFU, Janus answered ` +
        `${sockets.length} publishers with candidates on ${publicIp} ports ${[...new Set(ports)].join(',')} ` +
        `(${Date.now() - started} ms)`,
    );
  } finally {
    for (const socket of sockets) socket.disconnect();
  }
}

main().catch((error: unknown) => fail('compose SFU check', error));
