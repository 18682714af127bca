/**
 * Signing in: the throttle first (hardening item 7), the password (the same work whether the email
 * or the password is wrong), a new session, and the password's hash made again when it was made
 * with older parameters (hardening item 9).
 */
import { errors } from '../../shared/errors.js';
import type { Application } from '../application.js';
import { findLogin, insertSession, updatePasswordHash } from '../../store/users.repository.js';
import { LoginThrottle } from '../auth/login-throttle.js';
import { DUMMY_HASH, hashPassword, hashSecret, needsRehash, newSecret, verifyPassword } from '../auth/secrets.js';

export interface SignedIn {
  readonly userId: string;
  /** The cookie's value (stored only as its hash). */
  readonly secret: string;
  readonly csrfToken: string;
  readonly expires: Date;
}

export async function signIn(
  app: Application,
  limits: { sessionHours: number; loginRatePerMinute: number },
  input: { email: string; password: string; address: string },
): Promise<SignedIn> {
  const { store } = app;
  const throttle = new LoginThrottle(store, limits.loginRatePerMinute);
  const { sessionHours } = limits;
  const email = input.email.trim().toLowerCase();
  await throttle.check(input.address, email);
  const login = await findLogin(store.db, email);
  const ok = await verifyPassword(input.password, login?.passwordHash ?? DUMMY_HASH);
  if (login === undefined || !ok) {
    await throttle.failed(input.address, email);
    throw errors.invalidLogin();
  }
  await throttle.succeeded(input.address, email);
  if (needsRehash(login.passwordHash)) await updatePasswordHash(store.db, login.id, await hashPassword(input.password));
  const secret = newSecret();
  const csrfToken = newSecret();
  const expires = new Date(Date.now() + sessionHours * 3600_000);
  await insertSession(store.db, { idHash: hashSecret(secret), userId: login.id, csrfToken, expiresAt: expires.toISOString() });
  return { userId: login.id, secret, csrfToken, expires };
}
