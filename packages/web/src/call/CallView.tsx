import { arrangeTiles } from './arrangement';
import type { CallEngine } from './callEngine';
import type { CallSnapshot } from './callState';
import { CallControls } from './CallControls';
import { CallTile, type TileExtras } from './CallTile';
import { HandQueue } from './HandControls';
import { handPosition, type HandsState, type ShownReaction } from './hands';
import { useElementWidth, useMediaStream, useReceiveView } from './hooks';
import type { LocalMediaState } from './localMedia';
import { buildTiles, type TileModel } from './tiles';
import { useStore } from '../lib/useStore';
import { ParticipantMenu } from '../moderation';

/** Plays the audio of someone whose tile is on another page. */
function OffscreenAudio({ tile, sinkId }: { tile: TileModel; sinkId: string | null }) {
  const ref = useMediaStream<HTMLAudioElement>(tile.stream, sinkId);
  return <audio ref={ref} autoPlay hidden />;
}

/** The hand and reaction shown on a tile: a person's camera tile (ours too) carries them. */
function extrasFor(tile: TileModel, call: CallSnapshot, hands: HandsState): TileExtras {
  if (tile.kind !== 'camera') return { hand: null, reaction: null };
  const userId = call.peers.find((p) => p.peerId === tile.peerId)?.userId ?? null;
  const isTheirs = (r: ShownReaction) => (tile.isLocal ? r.mine : r.userId === userId);
  return {
    hand: tile.isLocal ? hands.position : handPosition(hands.hands, userId),
    reaction: hands.reactions.findLast(isTheirs)?.emoji ?? null,
  };
}

/** The call in progress: connection status, the grid (or speaker view) of tiles and the controls. */
export function CallView({
  engine,
  call,
  media,
  selfName,
  canModerate = false,
  onLeave,
}: {
  engine: CallEngine;
  onLeave: () => void;
  canModerate?: boolean;
  call: CallSnapshot;
  media: LocalMediaState;
  selfName: string;
}) {
  const [gridRef, width] = useElementWidth<HTMLDivElement>();
  const view = useStore(engine.view);
  const hands = useStore(engine.hands);
  const tiles = buildTiles(call, media, selfName);
  const layout = arrangeTiles(tiles, { ...view, width, activeSpeakerId: call.activeSpeakerId });
  useReceiveView(engine, layout.receive);
  const alone = call.peers.length === 0;
  const reconnecting = call.phase === 'reconnecting' || call.mediaReconnecting;
  const sinkId = media.selected.audioOutput;
  return (
    <div className="call-live" ref={gridRef}>
      <div className="call-bar call-view-bar">
        <p role="status" className={reconnecting ? 'call-status is-warning' : 'call-status'}>
          {reconnecting
            ? 'Reconnecting...'
            : alone
              ? 'Waiting for others to join'
              : `In call with ${call.peers.length + 1} people`}
        </p>
        {!alone && (
          <button
            type="button"
            className="btn"
            aria-pressed={view.mode === 'speaker'}
            onClick={engine.view.toggleMode}
          >
            Speaker view
          </button>
        )}
        {layout.pageCount > 1 && (
          <nav className="call-pager" aria-label="Participant pages">
            <button
              type="button"
              className="btn"
              disabled={layout.page === 0}
              onClick={() => engine.view.setPage(layout.page - 1)}
            >
              Previous page
            </button>
            <span>
              Page {layout.page + 1} of {layout.pageCount}
            </span>
            <button
              type="button"
              className="btn"
              disabled={layout.page >= layout.pageCount - 1}
              onClick={() => engine.view.setPage(layout.page + 1)}
            >
              Next page
            </button>
          </nav>
        )}
      </div>
      {layout.stage && (
        <div className="call-stage">
          <CallTile
            key={layout.stage.key}
            tile={layout.stage}
            sinkId={sinkId}
            extras={extrasFor(layout.stage, call, hands)}
          />
        </div>
      )}
      <div
        className={layout.stage ? 'call-grid call-strip' : 'call-grid'}
        data-columns={layout.columns}
        style={{
          gridTemplateColumns: `repeat(${layout.columns}, minmax(0, 1fr))`,
          ['--rows' as string]: layout.rows,
        }}
      >
        {layout.tiles.map((tile) => (
          <CallTile
            key={tile.key}
            tile={tile}
            sinkId={sinkId}
            extras={extrasFor(tile, call, hands)}
          />
        ))}
      </div>
      {layout.offscreen.map((tile) => (
        <OffscreenAudio key={tile.key} tile={tile} sinkId={sinkId} />
      ))}
      <HandQueue hands={engine.hands} canLowerOthers={canModerate} />
      {canModerate && call.peers.length > 0 && (
        <ul className="moderation-people" aria-label="Moderate participants">
          {call.peers.map((p) => (
            <li key={p.peerId}>
              <ParticipantMenu roomId={engine.roomId} userId={p.userId} name={p.username} />
            </li>
          ))}
        </ul>
      )}
      <CallControls engine={engine} media={media} onLeave={onLeave} canModerate={canModerate} />
    </div>
  );
}
