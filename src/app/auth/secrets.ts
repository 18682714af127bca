/**
 * Passwords (scrypt, salted) and bearer secrets (session cookies, API tokens). Secrets are
 * stored only as SHA-256 hashes: a copy of the database holds nothing that signs anyone in.
 */
import { createHash, randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * OWASP's Password Storage Cheat Sheet (2025): scrypt with N=2^17, r=8, p=1 (128 MiB, about
 * 0.8 s on these machines). A hash made with other parameters still verifies (they are stored
 * with it) and is made again at the next sign-in (`needsRehash`).
 */
const SCRYPT = { N: 131_072, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;

/** scrypt needs 128 × N × r bytes: room for that and no more than 1 GiB whatever a stored hash says. */
const maxmem = (N: number, r: number) => Math.min(256 * N * r, 1024 * 1024 * 1024);

function derive(password: string, salt: Buffer, params: { N: number; r: number; p: number }): Promise<Buffer> {
  const options: ScryptOptions = { ...params, maxmem: maxmem(params.N, params.r) };
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, options, (e, key) => (e ? reject(e) : resolve(key))),
  );
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, SCRYPT);
  return `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

function parse(stored: string): { N: number; r: number; p: number; salt: Buffer; key: Buffer } | null {
  const [scheme, N, r, p, salt, key] = stored.split('$');
  const params = [N, r, p].map(Number);
  if (scheme !== 'scrypt' || salt === undefined || key === undefined || !params.every((n) => Number.isSafeInteger(n) && n > 0)) return null;
  return { N: params[0]!, r: params[1]!, p: params[2]!, salt: Buffer.from(salt, 'base64url'), key: Buffer.from(key, 'base64url') };
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const hash = parse(stored);
  if (hash === null) return false;
  const actual = await derive(password, hash.salt, hash);
  return actual.length === hash.key.length && timingSafeEqual(actual, hash.key);
}

/** Whether a stored hash was made with weaker (or other) parameters than today's. */
export function needsRehash(stored: string): boolean {
  const hash = parse(stored);
  return hash === null || hash.N !== SCRYPT.N || hash.r !== SCRYPT.r || hash.p !== SCRYPT.p;
}

/** A hash of nothing with today's parameters: a sign-in for an unknown email costs the same time. */
export const DUMMY_HASH = `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA`;

/** A fresh secret for a cookie or token: 32 random bytes, URL-safe. */
export function newSecret(prefix = ''): string {
  return `${prefix}${randomBytes(32).toString('base64url')}`;
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}
