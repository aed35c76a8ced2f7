import { useMemo } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ErrorNote } from '../ui/ErrorNote';
import { formatFull } from '../ui/format';
import { Splash } from '../ui/Splash';
import { Chart } from './Chart';
import { useCallQuality } from './queries';
import { qualityChart, type QualityMetric } from './series';
import './analytics.css';

const METRICS: { metric: QualityMetric; title: string; unit: string }[] = [
  { metric: 'bitrateKbps', title: 'Bitrate received', unit: 'kbit/s' },
  { metric: 'packetLossPct', title: 'Packet loss', unit: '%' },
  { metric: 'rttMs', title: 'Round-trip time', unit: 'ms' },
  { metric: 'frameRate', title: 'Frame rate', unit: 'fps' },
];

/** A call's quality over time: one chart per measure, one line per participant. */
export default function CallQualityPage() {
  const { roomId = '', callId = '' } = useParams();
  const query = useCallQuality(roomId, callId);
  const charts = useMemo(
    () =>
      METRICS.map((m) => ({ ...m, data: qualityChart(query.data?.participants ?? [], m.metric) })),
    [query.data],
  );
  const measured = query.data?.participants.some((p) => p.points.length > 0) ?? false;

  return (
    <div className="page analytics">
      <header className="analytics-header">
        <Link to={`/rooms/${encodeURIComponent(roomId)}`} className="btn btn-small btn-ghost">
          ← Back to the room
        </Link>
        <h1>Call quality</h1>
      </header>
      {query.isPending && <Splash text="Loading call quality…" />}
      {query.isError && <ErrorNote error={query.error} />}
      {query.data && (
        <>
          <p className="analytics-note">
            Started {formatFull(query.data.startedAt)}
            {query.data.endedAt ? '' : ' · in progress'} · what each person&apos;s browser measured
            of what it received.
          </p>
          <ul className="analytics-people" aria-label="Participants">
            {query.data.participants.map((p) => (
              <li key={p.participantId}>
                {p.user.username}: {p.points.length} samples
              </li>
            ))}
          </ul>
          {measured ? (
            charts.map((c) => <Chart key={c.metric} title={c.title} data={c.data} unit={c.unit} />)
          ) : (
            <p>No quality was measured in this call.</p>
          )}
        </>
      )}
    </div>
  );
}
