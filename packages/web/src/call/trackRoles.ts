import type { TrackRole } from './stats';

export interface MediaSection {
  kind: string;
  mid: string | null;
}

/** The m-sections of an SDP in order, with their mid. */
export function parseMediaSections(sdp: string): MediaSection[] {
  const sections: MediaSection[] = [];
  for (const line of sdp.split(/\r?\n/)) {
    if (line.startsWith('m=')) {
      sections.push({ kind: line.slice(2).split(' ')[0] ?? '', mid: null });
    } else if (line.startsWith('a=mid:')) {
      const current = sections[sections.length - 1];
      if (current) current.mid = line.slice('a=mid:'.length).trim();
    }
  }
  return sections;
}

/**
 * Both ends of a connection see the same m-section order, so roles follow from it: the first
 * audio section is the microphone, the first video section the camera, any later video section
 * a screen share. No extra signalling is needed to tell a screen from a camera.
 */
export function rolesFromSdp(sdp: string): Map<string, TrackRole> {
  const roles = new Map<string, TrackRole>();
  let sawAudio = false;
  let sawVideo = false;
  for (const { kind, mid } of parseMediaSections(sdp)) {
    if (mid === null) continue;
    if (kind === 'audio' && !sawAudio) {
      roles.set(mid, 'audio');
      sawAudio = true;
    } else if (kind === 'video') {
      roles.set(mid, sawVideo ? 'screen' : 'camera');
      sawVideo = true;
    }
  }
  return roles;
}

/** The DTLS fingerprint of an SDP: a different one means the remote side started a new connection. */
export function sdpFingerprint(sdp: string): string | null {
  const match = /^a=fingerprint:(.+)$/m.exec(sdp);
  return match?.[1]?.trim() ?? null;
}
