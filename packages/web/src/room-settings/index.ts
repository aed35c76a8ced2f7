/** What other features may use of the room settings feature (the page is a route of its own). */
export { inviteLink, settingsPath } from './links';
