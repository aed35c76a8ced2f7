import { arrangeTiles } from './arrangement';
import type { CallEngine } from './callEngine';
import type { CallSnapshot } from './callState';
import { CallControls } from './CallControls';
import { CallTile, type TileExtras } from './CallTile';
import { HandQueue } from './HandControls';
import { handPosition, type HandsState, type ShownReaction } from './hands';
import { useEffect, useState } from 'react';
import { canFullscreen, toggleFullscreen } from './fullscreen';
import { tileWidth } from './gridLayout';
import { HelpDialog } from './HelpDialog';
import { useElementSize, useIsFullscreen, useMediaStream, useReceiveView } from './hooks';
import type { LocalMediaState } from './localMedia';
import { followVisibility } from './pip';
import { buildTiles, type TileModel } from './tiles';
import { useCallShortcuts } from './useCallShortcuts';
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

const STAGE_LABEL = {
  pinned: 'Stage (pinned)',
  screen: 'Stage (shared screen)',
  speaker: 'Stage (active speaker)',
} as const;

/**
 * The call in progress, taking the page: status, the stage (pinned tile, shared screen or active
 * speaker) with the others in a strip, or a grid of 16:9 tiles as large as the space allows; then
 * the controls. The chat is a panel beside it (a bottom sheet on a phone), opened from the controls.
 */
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
  const [areaRef, area] = useElementSize<HTMLDivElement>();
  const [root, setRoot] = useState<HTMLDivElement | null>(null);
  const view = useStore(engine.view);
  const hands = useStore(engine.hands);
  const tiles = buildTiles(call, media, selfName);
  const layout = arrangeTiles(tiles, {
    ...view,
    width: area.width,
    height: area.height,
    activeSpeakerId: call.activeSpeakerId,
  });
  useReceiveView(engine, layout.receive);
  useCallShortcuts(engine, onLeave);
  useEffect(() => (root ? followVisibility(root) : undefined), [root]);
  const fullscreenOn = useIsFullscreen(root);
  const fullscreen = canFullscreen()
    ? { on: fullscreenOn, toggle: () => toggleFullscreen(root) }
    : undefined;
  const gridTile =
    !layout.stage && area.height > 0
      ? tileWidth(layout.tiles.length, layout.columns, area.width, area.height)
      : 0;
  const tileProps = (tile: TileModel) => ({
    tile,
    sinkId,
    extras: extrasFor(tile, call, hands),
    pinned: view.pinned === tile.key,
    onPin: () => engine.view.togglePin(tile.key),
  });
  const alone = call.peers.length === 0;
  const reconnecting = call.phase === 'reconnecting' || call.mediaReconnecting;
  const sinkId = media.selected.audioOutput;
  return (
    <div className="call-live" ref={setRoot} data-chat={view.chatOpen ? 'open' : 'closed'}>
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
      <div ref={areaRef} className={layout.stage ? 'call-area has-stage' : 'call-area'}>
        {layout.stage && layout.stageReason && (
          <div className="call-stage" role="region" aria-label={STAGE_LABEL[layout.stageReason]}>
            <CallTile key={layout.stage.key} {...tileProps(layout.stage)} />
          </div>
        )}
        <div
          className={layout.stage ? 'call-grid call-strip' : 'call-grid'}
          data-columns={layout.columns}
          style={{
            gridTemplateColumns:
              gridTile > 0
                ? `repeat(${layout.columns}, ${Math.floor(gridTile)}px)`
                : `repeat(${layout.columns}, minmax(0, 1fr))`,
            ['--rows' as string]: layout.rows,
          }}
        >
          {layout.tiles.map((tile) => (
            <CallTile key={tile.key} {...tileProps(tile)} />
          ))}
        </div>
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
      <CallControls
        engine={engine}
        media={media}
        onLeave={onLeave}
        canModerate={canModerate}
        fullscreen={fullscreen}
      />
      <HelpDialog open={view.helpOpen} onClose={() => engine.view.setHelpOpen(false)} />
    </div>
  );
}
