/**
 * Hardening item 7: how many wrong passwords are allowed, shared by every node (the counts are in
 * the database), keyed so that no one can lock everyone out:
 * - per address and account: `perMinute` failures in a minute block that pair for the rest of
 *   the minute (an attacker behind one address reaches one account at that rate);
 * - per account, from anywhere: after ACCOUNT_FREE failures in 15 minutes, each further attempt
 *   waits twice as long as the last, up to a minute (a spread-out attack on one account slows
 *   to one guess a minute; its owner waits a minute at most, never locked out).
 * A successful sign-in clears both counts: correct passwords are never counted. The address is
 * the client's, through SWITCHBOARD_TRUST_PROXY (behind a load balancer that is not set, every
 * request shares the balancer's address: the per-account limits still hold).
 */
import { AppError } from '../../shared/errors.js';
import type { Store } from '../../store/db.js';
import { block, blockedUntil, clearKeys, countFailure } from '../../store/login-throttle.repository.js';

const MINUTE = 60_000;
const ACCOUNT_WINDOW_MS = 15 * MINUTE;
export const ACCOUNT_FREE = 10;
const ACCOUNT_MAX_WAIT_MS = MINUTE;

const keysOf = (address: string, email: string) => ({ pair: `pair:${address}|${email}`, account: `account:${email}` });

export class LoginThrottle {
  constructor(
    private readonly store: Store,
    private readonly perMinute: number,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Refuses (429, with the seconds to wait) while the pair or the account is blocked. */
  async check(address: string, email: string): Promise<void> {
    const { pair, account } = keysOf(address, email);
    const now = this.now();
    const until = await blockedUntil(this.store.db, [pair, account], now.toISOString());
    if (until === null) return;
    const seconds = Math.max(1, Math.ceil((Date.parse(until) - now.getTime()) / 1000));
    throw new AppError(
      429,
      'sign_in_throttled',
      `Too many wrong passwords for this account: wait ${seconds} second${seconds === 1 ? '' : 's'} and try again.`,
      'email',
      email,
      { retryAfterSeconds: seconds },
    );
  }

  async failed(address: string, email: string): Promise<void> {
    const { pair, account } = keysOf(address, email);
    const now = this.now();
    const db = this.store.db;
    const pairCount = await countFailure(db, pair, now, MINUTE);
    if (pairCount.failures >= this.perMinute) await block(db, pair, new Date(Date.parse(pairCount.windowStartedAt) + MINUTE).toISOString());
    const accountCount = await countFailure(db, account, now, ACCOUNT_WINDOW_MS);
    if (accountCount.failures >= ACCOUNT_FREE) {
      const wait = Math.min(1000 * 2 ** (accountCount.failures - ACCOUNT_FREE), ACCOUNT_MAX_WAIT_MS);
      await block(db, account, new Date(now.getTime() + wait).toISOString());
    }
  }

  async succeeded(address: string, email: string): Promise<void> {
    const { pair, account } = keysOf(address, email);
    await clearKeys(this.store.db, [pair, account]);
  }
}
