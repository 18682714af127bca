import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SecretBox } from './secret-box.js';

describe('issue 14 secrets kept sealed (AES-256-GCM, purpose bound)', () => {
  const box = SecretBox.fromSetting(randomBytes(32).toString('hex'))!;

  it('opens what it sealed, for the same purpose only; a fresh nonce each time', () => {
    const sealed = box.seal('the-auth-token', 'twilio:ACabc');
    expect(sealed).not.toContain('the-auth-token');
    expect(box.open(sealed, 'twilio:ACabc')).toBe('the-auth-token');
    expect(box.seal('the-auth-token', 'twilio:ACabc')).not.toBe(sealed);
    expect(() => box.open(sealed, 'twilio:ACother')).toThrow();
  });

  it('refuses a changed value, another key, and what is not a sealed value', () => {
    const sealed = box.seal('secret', 'p');
    const parts = sealed.split('.');
    const changed = [parts[0], parts[1], Buffer.from('SECRET').toString('base64url'), parts[3]].join('.');
    expect(() => box.open(changed, 'p')).toThrow();
    expect(() => SecretBox.fromSetting(randomBytes(32).toString('base64'))!.open(sealed, 'p')).toThrow();
    expect(() => box.open('plain', 'p')).toThrow('not a sealed secret');
  });

  it('takes a key of 32 bytes as hex or base64, nothing else', () => {
    expect(SecretBox.fromSetting(randomBytes(32).toString('base64'))).not.toBeNull();
    expect(SecretBox.fromSetting(randomBytes(16).toString('hex'))).toBeNull();
    expect(SecretBox.fromSetting('not a key')).toBeNull();
    expect(SecretBox.fromSetting('')).toBeNull();
  });
});
