/**
 * Issue 14: secrets Switchboard must give back to itself (a provider account's auth token, which
 * signs webhooks and calls the provider's API) are kept sealed: AES-256-GCM under the deployment's
 * key (SWITCHBOARD_SECRET_KEY, 32 bytes), a fresh 12-byte nonce each, and the secret's purpose as
 * associated data, so that a sealed value moved to another purpose does not open. Node's own
 * crypto: no package adds anything to an AEAD this small (decision 0114).
 *
 * Sealed form: `v1.<nonce>.<ciphertext>.<tag>`, each part base64url.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { keyFromSetting } from './sealed-file.js';

const VERSION = 'v1';

export class SecretBox {
  private constructor(private readonly key: Buffer) {}

  /** From SWITCHBOARD_SECRET_KEY: 32 bytes as 64 hex digits or base64; null when it is not that. */
  static fromSetting(value: string): SecretBox | null {
    const key = keyFromSetting(value);
    return key === null ? null : new SecretBox(key);
  }

  seal(secret: string, purpose: string): string {
    const nonce = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, nonce, { authTagLength: 16 });
    cipher.setAAD(Buffer.from(purpose, 'utf8'));
    const sealed = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
    return [VERSION, nonce, sealed, cipher.getAuthTag()]
      .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
      .join('.');
  }

  /** The secret; throws when the value was not sealed by this key for this purpose (or was changed). */
  open(sealed: string, purpose: string): string {
    const [version, nonce, body, tag] = sealed.split('.');
    if (version !== VERSION || nonce === undefined || body === undefined || tag === undefined) throw new Error('not a sealed secret');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(nonce, 'base64url'), { authTagLength: 16 });
    decipher.setAAD(Buffer.from(purpose, 'utf8'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
  }
}
