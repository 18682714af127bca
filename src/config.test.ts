import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

const TARGETS = JSON.stringify({
  queue: 'sip:{id}@acd.example',
  employee: 'sip:{id}@pbx.example',
  voiceAgent: 'sip:{id}@va.example',
  number: 'sip:{number}@gw.example',
});
const sip = (extra: Record<string, string>) => ({
  SWITCHBOARD_KAMAILIO_EVAPI: '127.0.0.1:8448',
  SWITCHBOARD_SIP_TARGETS: TARGETS,
  ...extra,
});
const problems = (env: Record<string, string>): readonly string[] => {
  try {
    loadConfig(env);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
};

describe('configuration of the SIP edge', () => {
  it('is off unless SWITCHBOARD_KAMAILIO_EVAPI is set', () => {
    expect(loadConfig({}).sip).toBeNull();
  });

  it('B9 needs the evapi secret Kamailio was given: none, or a short one, is refused by name', () => {
    expect(problems(sip({}))).toEqual([expect.stringContaining('SWITCHBOARD_KAMAILIO_SECRET: required with the SIP edge')]);
    expect(problems(sip({ SWITCHBOARD_KAMAILIO_SECRET: 'short' }))).toEqual([
      expect.stringContaining('SWITCHBOARD_KAMAILIO_SECRET: must be at least 16 letters and digits'),
    ]);
    expect(problems(sip({ SWITCHBOARD_KAMAILIO_SECRET: 'has spaces in it, sixteen+' }))).toHaveLength(1);
  });

  it('reads the evapi address, the secret and the targets', () => {
    const config = loadConfig(sip({ SWITCHBOARD_KAMAILIO_SECRET: 'a1B2c3D4e5F6g7H8' }));
    expect(config.sip).toMatchObject({ evapiHost: '127.0.0.1', evapiPort: 8448, evapiSecret: 'a1B2c3D4e5F6g7H8', recording: null });
  });

  it("issue 13 SWITCHBOARD_SIP_PROBE: where the node answers Kamailio's dispatcher probes (default 127.0.0.1:5090); not host:port is refused by name", () => {
    const secret = { SWITCHBOARD_KAMAILIO_SECRET: 'a1B2c3D4e5F6g7H8' };
    expect(loadConfig(sip(secret)).sip?.probe).toEqual({ host: '127.0.0.1', port: 5090 });
    expect(loadConfig(sip({ ...secret, SWITCHBOARD_SIP_PROBE: '10.0.0.11:5091' })).sip?.probe).toEqual({ host: '10.0.0.11', port: 5091 });
    expect(problems(sip({ ...secret, SWITCHBOARD_SIP_PROBE: 'node-1' }))).toEqual([
      expect.stringContaining('SWITCHBOARD_SIP_PROBE: "node-1" is not host:port'),
    ]);
    expect(problems(sip({ ...secret, SWITCHBOARD_SIP_PROBE: '127.0.0.1:70000' }))).toHaveLength(1);
  });
});

describe('hardening settings', () => {
  it('item 7: SWITCHBOARD_TRUST_PROXY is off by default; true, a hop count or addresses and CIDR ranges; anything else is refused by name', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ SWITCHBOARD_TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(loadConfig({ SWITCHBOARD_TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig({ SWITCHBOARD_TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ SWITCHBOARD_TRUST_PROXY: '10.0.0.5, 10.0.1.0/24,::1' }).trustProxy).toEqual(['10.0.0.5', '10.0.1.0/24', '::1']);
    expect(problems({ SWITCHBOARD_TRUST_PROXY: 'lb.example' })).toEqual([
      expect.stringContaining('SWITCHBOARD_TRUST_PROXY: "lb.example" is not'),
    ]);
    expect(problems({ SWITCHBOARD_TRUST_PROXY: '10.0.0.0/33' })).toHaveLength(1);
    expect(problems({ SWITCHBOARD_TRUST_PROXY: '50' })).toHaveLength(1);
  });

  it('item 11: SWITCHBOARD_HSTS is off by default', () => {
    expect(loadConfig({}).hsts).toBe(false);
    expect(loadConfig({ SWITCHBOARD_HSTS: 'true' }).hsts).toBe(true);
  });
});

describe('B10 the key that seals recordings at rest', () => {
  const key = randomBytes(32);
  const dir = mkdtempSync(join(tmpdir(), 'sb-key-'));
  const keyFile = join(dir, 'recording.key');
  writeFileSync(keyFile, `${key.toString('hex')}\n`, { mode: 0o600 });

  it('is off by default; given as a value or as a file outside the data folder', () => {
    expect(loadConfig({}).recordingKey).toBeNull();
    expect(loadConfig({ SWITCHBOARD_RECORDING_KEY: key.toString('base64') }).recordingKey?.equals(key)).toBe(true);
    expect(loadConfig({ SWITCHBOARD_RECORDING_KEY_FILE: keyFile, SWITCHBOARD_DATA_DIR: join(dir, 'data') }).recordingKey?.equals(key)).toBe(
      true,
    );
  });

  it("refuses by name a file beside the recordings (in the data folder or rtpengine's), a missing file, a bad key, and both settings", () => {
    expect(problems({ SWITCHBOARD_RECORDING_KEY_FILE: keyFile, SWITCHBOARD_DATA_DIR: dir })).toEqual([
      `SWITCHBOARD_RECORDING_KEY_FILE: ${JSON.stringify(keyFile)} is inside ${dir}, beside the recordings; keep the key elsewhere`,
    ]);
    expect(problems({ SWITCHBOARD_RECORDING_KEY_FILE: keyFile, SWITCHBOARD_RECORDINGS_DIR: dir })).toEqual([
      expect.stringContaining('beside the recordings'),
    ]);
    expect(problems({ SWITCHBOARD_RECORDING_KEY_FILE: join(dir, 'missing.key') })).toEqual([
      expect.stringContaining('cannot be read (ENOENT)'),
    ]);
    // A file named ..key inside the data folder is inside it; a link to it from elsewhere too.
    const data = join(dir, 'data2');
    mkdirSync(data, { recursive: true });
    writeFileSync(join(data, '..key'), key.toString('hex'));
    expect(problems({ SWITCHBOARD_RECORDING_KEY_FILE: join(data, '..key'), SWITCHBOARD_DATA_DIR: data })).toEqual([
      expect.stringContaining('beside the recordings'),
    ]);
    const outside = mkdtempSync(join(tmpdir(), 'sb-link-'));
    symlinkSync(join(data, '..key'), join(outside, 'recording.key'));
    expect(problems({ SWITCHBOARD_RECORDING_KEY_FILE: join(outside, 'recording.key'), SWITCHBOARD_DATA_DIR: data })).toEqual([
      expect.stringContaining('beside the recordings'),
    ]);
    expect(problems({ SWITCHBOARD_RECORDING_KEY: 'short' })).toEqual([
      expect.stringContaining('SWITCHBOARD_RECORDING_KEY: must be 32 bytes'),
    ]);
    expect(problems({ SWITCHBOARD_RECORDING_KEY: key.toString('hex'), SWITCHBOARD_RECORDING_KEY_FILE: keyFile })).toEqual([
      expect.stringContaining('set one of them, not both'),
    ]);
  });
});
