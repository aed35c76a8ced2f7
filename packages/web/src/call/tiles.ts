import type { QualityRating } from '@minimeet/contract';
import type { CallSnapshot } from './callState';
import type { LocalMediaState } from './localMedia';

export interface TileModel {
  key: string;
  /** The remote participant shown (null for our own tiles). */
  peerId: string | null;
  /** Accessible name of the tile: the participant's username (screens say whose screen). */
  name: string;
  kind: 'camera' | 'screen';
  stream: MediaStream | null;
  isLocal: boolean;
  audioOn: boolean;
  videoOn: boolean;
  speaking: boolean;
  /** null for our own tile. */
  quality: QualityRating | null;
  /** State of the connection to this person (null for our own tiles). */
  link: 'connecting' | 'connected' | 'failed' | null;
}

/** The tiles of the grid: ourselves first, then everyone in join order, then screen shares. */
export function buildTiles(
  call: CallSnapshot,
  media: LocalMediaState,
  selfName: string,
): TileModel[] {
  const tiles: TileModel[] = [
    {
      key: 'self',
      peerId: null,
      name: selfName,
      kind: 'camera',
      stream: media.stream,
      isLocal: true,
      audioOn: media.audioTrack !== null && media.audioEnabled,
      videoOn: media.videoTrack !== null && media.videoEnabled,
      speaking: call.selfSpeaking,
      quality: null,
      link: null,
    },
  ];
  const screens: TileModel[] = [];
  if (media.screen) {
    screens.push({
      key: 'self-screen',
      peerId: null,
      name: `${selfName} (screen)`,
      kind: 'screen',
      stream: media.screen,
      isLocal: true,
      audioOn: false,
      videoOn: true,
      speaking: false,
      quality: null,
      link: null,
    });
  }
  for (const p of call.peers) {
    const link =
      p.connection === 'connected'
        ? 'connected'
        : p.connection === 'failed'
          ? 'failed'
          : 'connecting';
    tiles.push({
      key: p.peerId,
      peerId: p.peerId,
      name: p.username,
      kind: 'camera',
      stream: p.camera,
      isLocal: false,
      audioOn: p.media.audio,
      videoOn: p.media.video,
      speaking: p.speaking,
      quality: p.quality,
      link,
    });
    if (p.media.screen && p.screen) {
      screens.push({
        key: `${p.peerId}-screen`,
        peerId: p.peerId,
        name: `${p.username} (screen)`,
        kind: 'screen',
        stream: p.screen,
        isLocal: false,
        audioOn: false,
        videoOn: true,
        speaking: false,
        quality: p.quality,
        link,
      });
    }
  }
  return [...tiles, ...screens];
}
