/**
 * Hand-made SDP for signalling tests without a browser: enough for Janus to negotiate (it
 * answers and offers), never enough for media to flow (nobody answers ICE).
 */
import { randomBytes } from 'node:crypto';
import type { Jsep } from '../../src/sfu/janus/janus-types';

const fingerprint = () =>
  [...randomBytes(32)].map((b) => b.toString(16).padStart(2, '0').toUpperCase()).join(':');

function transport(ufrag: string, pwd: string, fp: string, setup: string): string[] {
  return [
    'c=IN IP4 0.0.0.0',
    'a=rtcp:9 IN IP4 0.0.0.0',
    `a=ice-ufrag:${ufrag}`,
    `a=ice-pwd:${pwd}`,
    'a=ice-options:trickle',
    `a=fingerprint:sha-256 ${fp}`,
    `a=setup:${setup}`,
  ];
}

/** A Chrome-like offer sending one Opus audio (mid 0) and one VP8 video (mid 1) track. */
export function publisherOffer(): Jsep {
  const [ufrag, pwd, fp] = [
    randomBytes(4).toString('hex'),
    randomBytes(12).toString('hex'),
    fingerprint(),
  ];
  const lines = [
    'v=0',
    `o=- ${Date.now()} 2 IN IP4 127.0.0.1`,
    's=-',
    't=0 0',
    'a=group:BUNDLE 0 1',
    'a=msid-semantic: WMS stream',
    'm=audio 9 UDP/TLS/RTP/SAVPF 111',
    ...transport(ufrag, pwd, fp, 'actpass'),
    'a=mid:0',
    'a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level',
    'a=sendonly',
    'a=msid:stream audio0',
    'a=rtcp-mux',
    'a=rtpmap:111 opus/48000/2',
    'a=fmtp:111 minptime=10;useinbandfec=1',
    'a=ssrc:1111 cname:test',
    'm=video 9 UDP/TLS/RTP/SAVPF 96',
    ...transport(ufrag, pwd, fp, 'actpass'),
    'a=mid:1',
    'a=sendonly',
    'a=msid:stream video0',
    'a=rtcp-mux',
    'a=rtcp-rsize',
    'a=rtpmap:96 VP8/90000',
    'a=rtcp-fb:96 nack',
    'a=rtcp-fb:96 nack pli',
    'a=rtcp-fb:96 ccm fir',
    'a=ssrc:2222 cname:test',
  ];
  return { type: 'offer', sdp: `${lines.join('\r\n')}\r\n` };
}
