/** What other features may use of the lobby feature (the join page is a route of its own). */
export { LobbyPanel } from './LobbyPanel';
