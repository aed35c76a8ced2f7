import type { CallEngine } from './callEngine';
import type { CallSnapshot } from './callState';
import { CallControls } from './CallControls';
import { CallTile } from './CallTile';
import { gridLayout } from './gridLayout';
import { useElementWidth } from './hooks';
import type { LocalMediaState } from './localMedia';
import { buildTiles } from './tiles';

/** The call in progress: connection status, the grid of tiles and the controls. */
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
  const tiles = buildTiles(call, media, selfName);
  const { columns, rows } = gridLayout(tiles.length, width);
  const alone = call.peers.length === 0;
  return (
    <div className="call-live">
      <p
        role="status"
        className={call.phase === 'reconnecting' ? 'call-status is-warning' : 'call-status'}
      >
        {call.phase === 'reconnecting'
          ? 'Reconnecting...'
          : alone
            ? 'Waiting for others to join'
            : `In call with ${call.peers.length + 1} people`}
      </p>
      <div
        ref={gridRef}
        className="call-grid"
        data-columns={columns}
        style={{
          gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))`,
          ['--rows' as string]: rows,
        }}
      >
        {tiles.map((tile) => (
          <CallTile key={tile.key} tile={tile} sinkId={media.selected.audioOutput} />
        ))}
      </div>
      <CallControls engine={engine} media={media} onLeave={onLeave} />
    </div>
  );
}
