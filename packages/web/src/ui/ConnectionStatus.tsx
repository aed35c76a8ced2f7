import type { ConnectionStatus as Status } from '../lib/socket';

const labels: Record<Status, string> = {
  idle: 'Offline',
  connecting: 'Connecting…',
  connected: 'Connected',
  reconnecting: 'Reconnecting…',
  offline: 'Offline',
};

const hints: Record<Status, string> = {
  idle: 'Not connected.',
  connecting: 'Connecting to MiniMeet.',
  connected: 'Live: messages arrive as they are sent.',
  reconnecting: 'Connection lost. Messages you send now are kept and go out when it is back.',
  offline: 'No connection. Messages you send now are kept and go out when it is back.',
};

/** The live connection state, announced politely to screen readers. */
export function ConnectionStatus({ status }: { status: Status }) {
  return (
    <p role="status" className={`conn conn-${status}`} title={hints[status]}>
      <span className="conn-dot" aria-hidden="true" />
      {labels[status]}
    </p>
  );
}
