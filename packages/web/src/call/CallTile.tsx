import type { QualityRating } from '@minimeet/contract';
import { Maximize, Pin, PinOff } from 'lucide-react';
import { useRef } from 'react';
import { canFullscreen, toggleFullscreen } from './fullscreen';
import { useMediaStream } from './hooks';
import type { TileModel } from './tiles';

const QUALITY_BARS: Record<QualityRating, number> = { good: 3, fair: 2, poor: 1, unknown: 0 };

function QualityIndicator({ quality, link }: { quality: QualityRating; link: TileModel['link'] }) {
  const live = link === 'connected';
  const label =
    link === 'failed'
      ? 'Connection lost'
      : !live
        ? 'Connecting'
        : `Connection ${quality === 'unknown' ? 'quality unknown' : quality}`;
  return (
    <span
      className={`quality quality-${live ? quality : 'poor'}`}
      role="img"
      aria-label={label}
      title={label}
    >
      {[1, 2, 3].map((bar) => (
        <span key={bar} className={live && bar <= QUALITY_BARS[quality] ? 'on' : undefined} />
      ))}
    </span>
  );
}

/** What the call adds on a person's tile: their place in the hand queue and their last reaction. */
export interface TileExtras {
  hand: number | null;
  reaction: string | null;
}

/** Pin (to the stage, for us only) and full screen, on each tile, reachable by keyboard. */
function TileActions({
  name,
  pinned,
  onPin,
  fullscreen,
}: {
  name: string;
  pinned: boolean;
  onPin: () => void;
  fullscreen: (() => void) | undefined;
}) {
  return (
    <div className="tile-actions">
      <button
        type="button"
        className="tile-action"
        aria-pressed={pinned}
        aria-label={`${pinned ? 'Unpin' : 'Pin'} ${name}`}
        title={pinned ? 'Unpin' : 'Pin to the stage'}
        onClick={onPin}
      >
        {pinned ? <PinOff aria-hidden="true" size={16} /> : <Pin aria-hidden="true" size={16} />}
      </button>
      {fullscreen && (
        <button
          type="button"
          className="tile-action"
          aria-label={`Full screen ${name}`}
          title="Full screen"
          onClick={fullscreen}
        >
          <Maximize aria-hidden="true" size={16} />
        </button>
      )}
    </div>
  );
}

/** One person (or one shared screen) in the grid. Audio of remote people plays from here. */
export function CallTile({
  tile,
  sinkId,
  extras = { hand: null, reaction: null },
  pinned = false,
  onPin,
}: {
  tile: TileModel;
  sinkId: string | null;
  extras?: TileExtras;
  pinned?: boolean;
  /** Pins or unpins this tile; without it the tile has no pin button. */
  onPin?: () => void;
}) {
  const root = useRef<HTMLDivElement>(null);
  const mediaRef = useMediaStream<HTMLVideoElement>(tile.stream, tile.isLocal ? null : sinkId);
  const showVideo = tile.videoOn && tile.stream !== null;
  const classes = [
    'tile',
    `tile-${tile.kind}`,
    tile.speaking ? 'is-speaking' : '',
    tile.isLocal ? 'is-local' : '',
    pinned ? 'is-pinned' : '',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <div
      ref={root}
      role="group"
      aria-label={tile.name}
      className={classes}
      data-speaking={tile.speaking}
    >
      {/* Kept mounted while the camera is off: the same element plays the person's audio. */}
      <video
        ref={mediaRef}
        className={tile.isLocal && tile.kind === 'camera' ? 'mirror' : undefined}
        autoPlay
        playsInline
        muted={tile.isLocal}
        hidden={!showVideo}
      />
      {!showVideo && (
        <span className="tile-avatar" aria-hidden="true">
          {tile.name.slice(0, 1).toUpperCase()}
        </span>
      )}
      {extras.reaction && (
        <span className="tile-reaction" role="img" aria-label={`Reaction ${extras.reaction}`}>
          {extras.reaction}
        </span>
      )}
      {onPin && (
        <TileActions
          name={tile.name}
          pinned={pinned}
          onPin={onPin}
          fullscreen={canFullscreen() ? () => toggleFullscreen(root.current) : undefined}
        />
      )}
      <div className="tile-footer">
        <span className="tile-name">
          {tile.name}
          {tile.isLocal && tile.kind === 'camera' ? ' (you)' : ''}
        </span>
        {tile.kind === 'camera' && !tile.audioOn && <span className="tile-badge">Muted</span>}
        {tile.kind === 'camera' && !tile.videoOn && <span className="tile-badge">Camera off</span>}
        {extras.hand !== null && (
          <span className="tile-badge tile-hand" aria-label={`Hand raised, number ${extras.hand}`}>
            ✋ {extras.hand}
          </span>
        )}
        {tile.speaking && <span className="sr-only">Speaking</span>}
        {tile.quality && <QualityIndicator quality={tile.quality} link={tile.link} />}
      </div>
    </div>
  );
}
