/**
 * A sign-in session ended (logout, or its refresh family was revoked after a reuse): every socket
 * of that session must close.
 */
export interface SessionEnded {
  userId: string;
  /** The refresh-token family, the `sid` claim of the session's access tokens. */
  familyId: string;
}

export const AuthEvent = {
  SessionEnded: 'auth.sessionEnded',
} as const;

declare module '../common/domain-events' {
  interface DomainEventMap {
    'auth.sessionEnded': SessionEnded;
  }
}
