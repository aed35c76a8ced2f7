import type { SfuLayer, SfuStream, SfuStreamSetting } from '@minimeet/contract';
import type { TrackRole } from '../stats';
import { receiveKey, type ReceiveView } from '../transport';

/** The tracks of one participant as received through the SFU. */
export interface PeerTracks {
  /** Microphone and camera (audio first), for one tile. */
  camera: MediaStreamTrack[];
  screen: MediaStreamTrack | null;
}

/** Groups the active media sections of the subscriber connection by participant. */
export function tracksByPeer(
  streams: readonly SfuStream[],
  trackOfMid: (mid: string) => MediaStreamTrack | null,
): Map<string, PeerTracks> {
  const out = new Map<string, PeerTracks>();
  for (const s of streams) {
    if (!s.active) continue;
    const track = trackOfMid(s.mid);
    if (!track) continue;
    let entry = out.get(s.peerId);
    if (!entry) out.set(s.peerId, (entry = { camera: [], screen: null }));
    if (s.role === 'screen') {
      if (s.kind === 'video') entry.screen = track;
    } else if (s.kind === 'audio') {
      entry.camera.unshift(track);
    } else {
      entry.camera.push(track);
    }
  }
  return out;
}

/** A key that changes when the set of tracks does (to create new streams only then). */
export function tracksKey(tracks: PeerTracks | undefined): string {
  if (!tracks) return '';
  return `${tracks.camera.map((t) => t.id).join(',')}|${tracks.screen?.id ?? ''}`;
}

/** The role of each active media section of one participant (for stats). */
export function rolesOfPeer(streams: readonly SfuStream[], peerId: string): Map<string, TrackRole> {
  const roles = new Map<string, TrackRole>();
  for (const s of streams) {
    if (s.peerId !== peerId || !s.active) continue;
    roles.set(s.mid, s.kind === 'audio' ? 'audio' : s.role === 'screen' ? 'screen' : 'camera');
  }
  return roles;
}

/** The first active audio section of a participant's camera (their microphone). */
export function audioMidOf(streams: readonly SfuStream[], peerId: string): string | null {
  return (
    streams.find(
      (s) => s.peerId === peerId && s.active && s.kind === 'audio' && s.role === 'camera',
    )?.mid ?? null
  );
}

const FULL: SfuLayer = 2;

/** What to ask the SFU for each video section, from what the UI shows. */
export function streamSettings(
  streams: readonly SfuStream[],
  view: ReceiveView,
): SfuStreamSetting[] {
  const out: SfuStreamSetting[] = [];
  for (const s of streams) {
    if (!s.active || s.kind !== 'video') continue;
    const tile = view.get(receiveKey(s.peerId, s.role));
    if (!tile) out.push({ mid: s.mid, send: true, layer: FULL });
    else if (!tile.visible) out.push({ mid: s.mid, send: false });
    else out.push({ mid: s.mid, send: true, layer: tile.layer });
  }
  return out;
}

/** The settings that differ from those last sent (by mid); `sent` is updated. */
export function changedSettings(
  next: readonly SfuStreamSetting[],
  sent: Map<string, string>,
): SfuStreamSetting[] {
  const changed: SfuStreamSetting[] = [];
  for (const s of next) {
    const key = `${s.send}:${s.layer ?? ''}`;
    if (sent.get(s.mid) === key) continue;
    sent.set(s.mid, key);
    changed.push(s);
  }
  return changed;
}
