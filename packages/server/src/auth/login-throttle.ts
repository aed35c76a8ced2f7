import { Injectable } from '@nestjs/common';
import {
  RateLimitService,
  type Backoff,
  type BackoffSpec,
  type BackoffTicket,
} from '../common/rate-limit.service';

/** Who is trying to sign in, as far as the limits care. */
export interface LoginAttempt {
  /** The account's id, or `login:<what was typed>` when no account matches (counted the same). */
  account: string;
  /** The client address (X-Forwarded-For only from TRUST_PROXY). */
  address: string;
  /** The device id of a valid known-device cookie of this same account, if any. */
  device: string | null;
}

/** What a counted attempt holds until the password is checked. */
export interface LoginPass {
  attempt: LoginAttempt;
  tickets: { backoff: Backoff; ticket: BackoffTicket }[];
}

const MINUTE = 60;
const delays = { baseDelaySeconds: MINUTE, maxDelaySeconds: 60 * MINUTE, memorySeconds: 86_400 };

/**
 * Login limits. Each attempt is counted BEFORE the password is hashed (atomically, in Redis
 * when configured), so parallel guesses cannot all be verified.
 *
 * - An unknown client is counted per account (5 per 15 min) and per address (30 per 15 min).
 *   Past that the key waits 1 min, then after each wait one more try and a wait twice as long,
 *   up to 1 h (doubling remembered for 24 h): a guesser is slowed to a crawl, nobody is locked
 *   out for good.
 * - A known device (a browser that signed in to this account before: the signed `mm_device`
 *   cookie) is counted on its own key only (5 per 15 min, same backoff), so a stranger's failures
 *   on the account or the address never stop its owner.
 * - Success gives the points back: an account's or device's counters are cleared; the address
 *   only gets its own attempt back (one valid account must not reset an address's budget).
 */
@Injectable()
export class LoginThrottle {
  private readonly account: Backoff;
  private readonly address: Backoff;
  private readonly device: Backoff;

  constructor(limits: RateLimitService) {
    const spec = (name: string, freeAttempts: number): BackoffSpec => ({
      name,
      freeAttempts,
      windowSeconds: 15 * MINUTE,
      ...delays,
    });
    this.account = limits.createBackoff(spec('login-account', 5));
    this.address = limits.createBackoff(spec('login-ip', 30));
    this.device = limits.createBackoff(spec('login-device', 5));
  }

  /** Counts the attempt on every key that applies; throws RATE_LIMITED (nothing kept) if one must wait. */
  async begin(attempt: LoginAttempt): Promise<LoginPass> {
    const keys: [Backoff, string][] = attempt.device
      ? [[this.device, `${attempt.account}:${attempt.device}`]]
      : [
          [this.account, attempt.account],
          [this.address, attempt.address],
        ];
    const pass: LoginPass = { attempt, tickets: [] };
    try {
      for (const [backoff, key] of keys) {
        pass.tickets.push({ backoff, ticket: await backoff.attempt(key) });
      }
    } catch (e) {
      await this.refundAll(pass);
      throw e;
    }
    return pass;
  }

  /** The password was right: forget the account's (or device's) failures, give the address its point back. */
  async succeeded(pass: LoginPass): Promise<void> {
    await Promise.all(
      pass.tickets.map(({ backoff, ticket }) =>
        backoff === this.address ? backoff.refund(ticket) : backoff.clear(ticket.key),
      ),
    );
  }

  private async refundAll(pass: LoginPass): Promise<void> {
    await Promise.all(pass.tickets.map(({ backoff, ticket }) => backoff.refund(ticket)));
  }
}
