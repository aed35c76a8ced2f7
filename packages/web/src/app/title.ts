import { badgeText } from '../rooms';

let base = 'MiniMeet';
let unread = 0;

function apply(): void {
  document.title = unread > 0 ? `(${badgeText(unread)}) ${base}` : base;
}

/** What the tab is called on this page (without the unread count). */
export function setTitleBase(next: string): void {
  base = next;
  apply();
}

/** All unread messages, shown first in the tab title: "(3) MiniMeet". */
export function setTitleUnread(next: number): void {
  unread = next;
  apply();
}
