import { createStore } from '../lib/store';

const PREF_KEY = 'minimeet.notifyMentions';

/** Whether this browser can show notifications at all (the toggle hides otherwise). */
export const notificationsSupported = (): boolean =>
  typeof window !== 'undefined' && 'Notification' in window;

function readPref(): boolean {
  try {
    return localStorage.getItem(PREF_KEY) === '1';
  } catch {
    return false;
  }
}

/** On: notify of mentions while the tab is hidden (the user opted in and the browser allows it). */
export const mentionNotifications = createStore<boolean>(
  notificationsSupported() && readPref() && Notification.permission === 'granted',
);

function savePref(on: boolean): void {
  try {
    localStorage.setItem(PREF_KEY, on ? '1' : '0');
  } catch {
    // private mode: the choice lasts for this page only
  }
  mentionNotifications.setState(on);
}

/** Asks the browser (the first time) and turns mention notifications on; or turns them off. */
export async function toggleMentionNotifications(): Promise<void> {
  if (mentionNotifications.getState()) return savePref(false);
  if (!notificationsSupported()) return;
  const permission = await Notification.requestPermission();
  savePref(permission === 'granted');
}

/** Someone mentioned us: a notification while the tab is hidden, if the user opted in. */
export function notifyMention(roomId: string, roomName: string | undefined): void {
  if (!mentionNotifications.getState() || document.visibilityState === 'visible') return;
  if (Notification.permission !== 'granted') return;
  const note = new Notification('You were mentioned', {
    body: roomName ? `in ${roomName}` : 'in one of your rooms',
    tag: `mention-${roomId}`,
  });
  note.onclick = () => {
    window.focus();
    window.location.assign(`/rooms/${roomId}`);
  };
}
