import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isSealed, keyFromSetting, keyIdOf, open, seal } from './sealed-file.js';

describe('B10 recordings sealed at rest (AES-256-GCM under the configured key)', () => {
  const key = randomBytes(32);
  const wav = Buffer.concat([Buffer.from('RIFF'), randomBytes(5000)]);

  it('opens what it sealed; the sealed bytes hold none of the audio; a fresh nonce each time', () => {
    const sealed = seal(key, wav, 'call-1.wav');
    expect(isSealed(sealed)).toBe(true);
    expect(isSealed(wav)).toBe(false);
    expect(sealed.includes(wav.subarray(0, 64))).toBe(false);
    expect(open(key, sealed, 'call-1.wav').equals(wav)).toBe(true);
    expect(seal(key, wav, 'call-1.wav').equals(sealed)).toBe(false);
  });

  it('refuses another key (naming the key the file needs), a changed byte anywhere, and what is not sealed', () => {
    const sealed = seal(key, wav, 'call-1.wav');
    expect(() => open(randomBytes(32), sealed, 'call-1.wav')).toThrow(`sealed under another key (key id ${keyIdOf(key)})`);
    for (const at of [10, 20, 36, 60, sealed.length - 1]) {
      const changed = Buffer.from(sealed);
      changed[at] = changed[at]! ^ 1;
      expect(() => open(key, changed, 'call-1.wav'), `byte ${at} changed`).toThrow();
    }
    expect(() => open(key, wav, 'call-1.wav')).toThrow('not a sealed file');
    // Moved to another recording's name, it does not open.
    expect(() => open(key, sealed, 'call-2.wav')).toThrow('sealed for another recording');
  });

  it('takes a key of 32 bytes as hex or base64, nothing else', () => {
    expect(keyFromSetting(key.toString('hex'))?.equals(key)).toBe(true);
    expect(keyFromSetting(key.toString('base64'))?.equals(key)).toBe(true);
    expect(keyFromSetting(randomBytes(16).toString('hex'))).toBeNull();
    expect(keyFromSetting('not a key')).toBeNull();
  });
});
