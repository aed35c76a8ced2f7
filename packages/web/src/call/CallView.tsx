import { arrangeTiles } from './arrangement';
import type { CallEngine } from './callEngine';
import type { CallSnapshot } from './callState';
import { CallControls } from './CallControls';
import { CallTile } from './CallTile';
import { useElementWidth, useMediaStream, useReceiveView } from './hooks';
import type { LocalMediaState } from './localMedia';
import { buildTiles, type TileModel } from './tiles';
import { useStore } from '../lib/useStore';

/** Plays the audio of someone whose tile is on another page. */
function OffscreenAudio({ tile, sinkId }: { tile: TileModel; sinkId: string | null }) {
  const ref = useMediaStream<HTMLAudioElement>(tile.stream, sinkId);
  return <audio ref={ref} autoPlay hidden />;
}

/** The call in progress: connection status, the grid (or speaker view) of tiles and the controls. */
export function CallView({
  engine,
  call,
  media,
  selfName,
  onLeave,
}: {
  engine: CallEngine;
  onLeave: () => void;
  call: CallSnapshot;
  media: LocalMediaState;
  selfName: string;
}) {
  const [gridRef, width] = useElementWidth<HTMLDivElement>();
  const view = useStore(engine.view);
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
          <CallTile key={layout.stage.key} tile={layout.stage} sinkId={sinkId} />
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
          <CallTile key={tile.key} tile={tile} sinkId={sinkId} />
        ))}
      </div>
      {layout.offscreen.map((tile) => (
        <OffscreenAudio key={tile.key} tile={tile} sinkId={sinkId} />
      ))}
      <CallControls engine={engine} media={media} onLeave={onLeave} />
    </div>
  );
}
