import { describe, expect, it } from 'vitest';
import { parseMediaSections, rolesFromSdp, sdpFingerprint } from './trackRoles';

const sdp = [
  'v=0',
  'o=- 1 2 IN IP4 127.0.0.1',
  'a=group:BUNDLE 0 1 2',
  'm=audio 9 UDP/TLS/RTP/SAVPF 111',
  'a=mid:0',
  'a=fingerprint:sha-256 AA:BB',
  'm=video 9 UDP/TLS/RTP/SAVPF 96',
  'a=mid:1',
  'm=video 9 UDP/TLS/RTP/SAVPF 96',
  'a=mid:2',
  '',
].join('\r\n');

describe('track roles from SDP', () => {
  it('lists m-sections with their mids in order', () => {
    expect(parseMediaSections(sdp)).toEqual([
      { kind: 'audio', mid: '0' },
      { kind: 'video', mid: '1' },
      { kind: 'video', mid: '2' },
    ]);
  });

  it('reads microphone, camera, then screen share', () => {
    expect([...rolesFromSdp(sdp)]).toEqual([
      ['0', 'audio'],
      ['1', 'camera'],
      ['2', 'screen'],
    ]);
  });

  it('finds the DTLS fingerprint', () => {
    expect(sdpFingerprint(sdp)).toBe('sha-256 AA:BB');
    expect(sdpFingerprint('v=0')).toBeNull();
  });
});
