export { GuestJoinCard, inviteTokenOf } from './GuestJoinCard';
