import type { PublicUser } from '@minimeet/contract';

/** Who acts in a realtime use-case: the signed-in user, and the connection they act from. */
export interface Actor {
  user: PublicUser;
  /** The connection's id: presence, limits and call peers are kept per connection. */
  connectionId: string;
}
