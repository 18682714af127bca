/**
 * B10: recordings at rest, sealed when the deployment gives a key (SWITCHBOARD_RECORDING_KEY or
 * SWITCHBOARD_RECORDING_KEY_FILE, never a file beside the recordings): AES-256-GCM from Node's
 * crypto, a fresh 12-byte nonce per file; the header and the file's name (its call's id) as
 * associated data: a file whose header is changed, or moved to another recording's name, does not
 * open. Whole files: a recording is read into memory to be sealed or opened, and served only once
 * its tag has been checked (decision 0130).
 *
 * Layout: MAGIC (8 bytes) | key id (8: the key's SHA-256, first bytes) | nonce (12) | tag (16) | ciphertext.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

const MAGIC = Buffer.from('SBSEAL1\n', 'latin1');
const HEADER = MAGIC.length + 8 + 12 + 16;

/** 32 bytes, as 64 hex digits or base64; null when the setting is not that. */
export function keyFromSetting(value: string): Buffer | null {
  const trimmed = value.trim();
  const key = /^[0-9a-f]{64}$/i.test(trimmed)
    ? Buffer.from(trimmed, 'hex')
    : /^[A-Za-z0-9+/]{43}=?$/.test(trimmed)
      ? Buffer.from(trimmed, 'base64')
      : null;
  return key?.length === 32 ? key : null;
}

const keyId = (key: Uint8Array) => createHash('sha256').update(key).digest().subarray(0, 8);

const TAG = { authTagLength: 16 } as const;

/** The file's bytes sealed under `key` (32 bytes), bound to `name` (the file's name: it opens under that name only). */
export function seal(key: Uint8Array, plain: Uint8Array, name: string): Buffer {
  const nonce = randomBytes(12);
  const head = Buffer.concat([MAGIC, keyId(key), nonce]);
  const cipher = createCipheriv('aes-256-gcm', key, nonce, TAG);
  cipher.setAAD(Buffer.concat([head, Buffer.from(name, 'utf8')]));
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([head, cipher.getAuthTag(), body]);
}

/** How many first bytes of a file tell whether it is sealed (startsSealed). */
export const SEAL_MARK_BYTES = MAGIC.length;

/** Whether a file's first bytes are a sealed file's mark. */
export const startsSealed = (first: Uint8Array): boolean => first.length >= MAGIC.length && MAGIC.equals(first.subarray(0, MAGIC.length));

/** Whether these bytes are a sealed file (its header), whatever the key. */
export const isSealed = (data: Uint8Array): boolean => data.length >= HEADER && MAGIC.equals(data.subarray(0, MAGIC.length));

/** The file's bytes; throws, saying why, when it was sealed under another key or another name, or has been changed. */
export function open(key: Uint8Array, sealed: Uint8Array, name: string): Buffer {
  if (!isSealed(sealed)) throw new Error('not a sealed file');
  const id = sealed.subarray(MAGIC.length, MAGIC.length + 8);
  if (!keyId(key).equals(id)) throw new Error(`sealed under another key (key id ${Buffer.from(id).toString('hex')})`);
  const nonce = sealed.subarray(MAGIC.length + 8, MAGIC.length + 20);
  const decipher = createDecipheriv('aes-256-gcm', key, nonce, TAG);
  decipher.setAAD(Buffer.concat([sealed.subarray(0, MAGIC.length + 20), Buffer.from(name, 'utf8')]));
  decipher.setAuthTag(sealed.subarray(MAGIC.length + 20, HEADER));
  try {
    return Buffer.concat([decipher.update(sealed.subarray(HEADER)), decipher.final()]);
  } catch {
    throw new Error('its contents have been changed since it was sealed, or it was sealed for another recording');
  }
}

/** The key's id as a sealed file shows it (operations: which key a file needs). */
export const keyIdOf = (key: Uint8Array): string => keyId(key).toString('hex');
