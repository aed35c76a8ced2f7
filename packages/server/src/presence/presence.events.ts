import type { Participant } from '@minimeet/contract';

/** A connection entered a room: from now on it hears the room's events. */
export interface ConnectionEntered {
  roomId: string;
  connectionId: string;
}
/** A connection left a room (on purpose or by disconnecting). */
export interface ConnectionLeft {
  roomId: string;
  connectionId: string;
}
/** The room's participant list changed (someone came, went, or joined or left its call). */
export interface ParticipantsChanged {
  roomId: string;
  participants: Participant[];
}

/**
 * Connections in the room expired: the server process that held them stopped refreshing them
 * (killed or hung). Messages it stored from `since` on may never have been delivered.
 */
export interface ProcessLost {
  roomId: string;
  since: Date;
}

export const PresenceEvent = {
  ConnectionEntered: 'presence.connectionEntered',
  ConnectionLeft: 'presence.connectionLeft',
  ParticipantsChanged: 'presence.participantsChanged',
  ProcessLost: 'presence.processLost',
} as const;

declare module '../common/domain-events' {
  interface DomainEventMap {
    'presence.connectionEntered': ConnectionEntered;
    'presence.connectionLeft': ConnectionLeft;
    'presence.participantsChanged': ParticipantsChanged;
    'presence.processLost': ProcessLost;
  }
}
