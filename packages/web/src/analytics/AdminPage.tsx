import { useMemo } from 'react';
import { useSession } from '../auth';
import { ErrorNote } from '../ui/ErrorNote';
import { Splash } from '../ui/Splash';
import { Chart } from './Chart';
import { useAdminOverview } from './queries';
import { dayChart } from './series';
import './analytics.css';

/** The server at a glance for administrators (ADMIN_USERNAMES). */
export default function AdminPage() {
  const session = useSession();
  const isAdmin = session.status === 'signedIn' && session.user.isAdmin;
  const query = useAdminOverview();
  const charts = useMemo(() => {
    const rows = query.data?.days ?? [];
    return {
      messages: dayChart(rows, [{ label: 'Messages', pick: (d) => d.messages }]),
      minutes: dayChart(rows, [{ label: 'Call minutes', pick: (d) => d.callMinutes }]),
    };
  }, [query.data]);

  return (
    <div className="page analytics">
      <header className="analytics-header">
        <h1>Server overview</h1>
      </header>
      {!isAdmin && <p>This page is for the server&apos;s administrators.</p>}
      {query.isPending && <Splash text="Loading…" />}
      {query.isError && <ErrorNote error={query.error} />}
      {query.data && (
        <>
          <dl className="analytics-totals" aria-label="Now">
            <div>
              <dt>Accounts</dt>
              <dd>{query.data.users}</dd>
            </div>
            <div>
              <dt>Rooms</dt>
              <dd>{query.data.rooms}</dd>
            </div>
            <div>
              <dt>Online now</dt>
              <dd>{query.data.onlineNow}</dd>
            </div>
            <div>
              <dt>In calls now</dt>
              <dd>{query.data.inCallsNow}</dd>
            </div>
          </dl>
          <Chart title="Messages per day" data={charts.messages} utc />
          <Chart title="Call minutes per day" data={charts.minutes} unit="min" utc />
        </>
      )}
    </div>
  );
}
