/** Abuse limits on the actions that cost the server the most (issue 11, finding 6). */
export interface AbuseLimits {
  /** Accounts registered per client address per hour (LIMIT_REGISTRATIONS_PER_HOUR). */
  registrationsPerHour: number;
  /** Guest sessions started per client address per hour (LIMIT_GUESTS_PER_HOUR). */
  guestsPerHour: number;
  /** Rooms a user creates per hour (LIMIT_ROOMS_PER_HOUR). */
  roomsPerHour: number;
  /** Rooms a user enters per minute, over all their connections (LIMIT_ROOM_JOINS_PER_MINUTE). */
  roomJoinsPerMinute: number;
  /** Rooms one connection is in at once (LIMIT_ROOMS_PER_CONNECTION). */
  roomsPerConnection: number;
  /** History pages a user loads per minute, REST and socket together (LIMIT_HISTORY_PER_MINUTE). */
  historyPagesPerMinute: number;
  /** Sockets one user holds open in one process (LIMIT_SOCKETS_PER_USER). */
  socketsPerUser: number;
  /** Sockets one client address holds open in one process, without a proxy (LIMIT_SOCKETS_PER_ADDRESS). */
  socketsPerAddress: number;
}

export interface LimitsEnv {
  int: (name: string, fallback: number, min: number, max: number) => number;
}

export function parseLimits({ int }: LimitsEnv): AbuseLimits {
  return {
    registrationsPerHour: int('LIMIT_REGISTRATIONS_PER_HOUR', 10, 1, 1_000_000),
    guestsPerHour: int('LIMIT_GUESTS_PER_HOUR', 30, 1, 1_000_000),
    roomsPerHour: int('LIMIT_ROOMS_PER_HOUR', 30, 1, 1_000_000),
    roomJoinsPerMinute: int('LIMIT_ROOM_JOINS_PER_MINUTE', 30, 1, 1_000_000),
    roomsPerConnection: int('LIMIT_ROOMS_PER_CONNECTION', 20, 1, 1_000),
    historyPagesPerMinute: int('LIMIT_HISTORY_PER_MINUTE', 60, 1, 1_000_000),
    socketsPerUser: int('LIMIT_SOCKETS_PER_USER', 20, 1, 100_000),
    socketsPerAddress: int('LIMIT_SOCKETS_PER_ADDRESS', 50, 1, 1_000_000),
  };
}
