import { useStore } from '../lib/useStore';
import {
  mentionNotifications,
  notificationsSupported,
  toggleMentionNotifications,
} from './notifications';

/** Opt in to (or out of) notifications of mentions; absent where the browser has none. */
export function NotificationsToggle() {
  const on = useStore(mentionNotifications);
  if (!notificationsSupported()) return null;
  const denied = Notification.permission === 'denied';
  return (
    <button
      type="button"
      className="btn btn-ghost btn-small"
      aria-pressed={on}
      disabled={denied && !on}
      title={denied ? 'Notifications are blocked in this browser' : undefined}
      onClick={() => void toggleMentionNotifications()}
    >
      {on ? 'Mention alerts on' : 'Alert me of mentions'}
    </button>
  );
}
