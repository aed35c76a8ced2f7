import { ANALYTICS_DAYS_DEFAULT, type RoomDayStats } from '@minimeet/contract';
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ErrorNote } from '../ui/ErrorNote';
import { Splash } from '../ui/Splash';
import { Chart } from './Chart';
import { useRoomAnalytics } from './queries';
import { dayChart } from './series';
import './analytics.css';

const RANGES = [7, 30, 90];

const total = (days: readonly RoomDayStats[], pick: (d: RoomDayStats) => number): number =>
  Math.round(days.reduce((n, d) => n + pick(d), 0) * 10) / 10;

/** The room's dashboard for its owner: messages, calls, minutes and people per day. */
export default function RoomAnalyticsPage() {
  const { roomId = '' } = useParams();
  const [days, setDays] = useState(ANALYTICS_DAYS_DEFAULT);
  const query = useRoomAnalytics(roomId, days);
  const charts = useMemo(() => {
    const rows = query.data?.days ?? [];
    return {
      activity: dayChart(rows, [
        { label: 'Messages', pick: (d) => d.messages },
        { label: 'Calls', pick: (d) => d.calls },
      ]),
      minutes: dayChart(rows, [{ label: 'Call minutes', pick: (d) => d.callMinutes }]),
      people: dayChart(rows, [
        { label: 'Unique participants', pick: (d) => d.uniqueParticipants },
        { label: 'Peak at once', pick: (d) => d.peakConcurrent },
      ]),
    };
  }, [query.data]);

  return (
    <div className="page analytics">
      <header className="analytics-header">
        <Link to={`/rooms/${encodeURIComponent(roomId)}`} className="btn btn-small btn-ghost">
          ← Back to the room
        </Link>
        <h1>Room analytics</h1>
        <label className="analytics-range">
          Period{' '}
          <select value={days} onChange={(e) => setDays(Number(e.target.value))}>
            {RANGES.map((n) => (
              <option key={n} value={n}>
                last {n} days
              </option>
            ))}
          </select>
        </label>
      </header>
      {query.isPending && <Splash text="Loading analytics…" />}
      {query.isError && <ErrorNote error={query.error} />}
      {query.data && (
        <>
          <dl className="analytics-totals" aria-label="Totals">
            <div>
              <dt>Messages</dt>
              <dd>{total(query.data.days, (d) => d.messages)}</dd>
            </div>
            <div>
              <dt>Calls</dt>
              <dd>{total(query.data.days, (d) => d.calls)}</dd>
            </div>
            <div>
              <dt>Call minutes</dt>
              <dd>{total(query.data.days, (d) => d.callMinutes)}</dd>
            </div>
            <div>
              <dt>Most at once</dt>
              <dd>{Math.max(0, ...query.data.days.map((d) => d.peakConcurrent))}</dd>
            </div>
          </dl>
          <Chart title="Messages and calls per day" data={charts.activity} utc />
          <Chart title="Call minutes per day" data={charts.minutes} unit="min" utc />
          <Chart title="People in calls per day" data={charts.people} utc />
        </>
      )}
    </div>
  );
}
