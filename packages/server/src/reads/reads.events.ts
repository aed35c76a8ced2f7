import type { ReadMarker } from '@minimeet/contract';

/** A user's read marker of a room moved: every connection of theirs hears it. */
export interface MarkerMoved {
  userId: string;
  marker: ReadMarker;
}

export const ReadEvent = {
  MarkerMoved: 'reads.markerMoved',
} as const;

declare module '../common/domain-events' {
  interface DomainEventMap {
    'reads.markerMoved': MarkerMoved;
  }
}
