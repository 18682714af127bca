/**
 * Every setting Switchboard reads from its environment, validated once at start-up. A bad value
 * stops the process with the whole list of what is wrong, each naming the variable and the value.
 */
import { readFileSync, realpathSync } from 'node:fs';
import { isIP } from 'node:net';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_LIMITS, type ImportLimits } from './formats/exclusion-files/limits.js';
import { keyFromSetting } from './shared/sealed-file.js';

/** B6: the continuity message shipped with Switchboard (assets/continuity-message.wav). */
const DEFAULT_CONTINUITY_MESSAGE = fileURLToPath(new URL('../assets/continuity-message.wav', import.meta.url));
/** B7: the consent announcement shipped with Switchboard (assets/consent-announcement.wav). */
const DEFAULT_CONSENT_ANNOUNCEMENT = fileURLToPath(new URL('../assets/consent-announcement.wav', import.meta.url));

export interface Config {
  /** PORT: the HTTP port (default 8080). */
  readonly port: number;
  /** HOST: the address to listen on (default 127.0.0.1: nothing is exposed unless asked). */
  readonly host: string;
  /** DATABASE_URL: postgres://… for PostgreSQL; absent for the embedded SQLite file. */
  readonly databaseUrl: string | null;
  /** SWITCHBOARD_DATA_DIR: where the SQLite file lives (default ./data). */
  readonly dataDir: string;
  /**
   * B6: SWITCHBOARD_CONTINUITY_MESSAGE, the recorded message a continuity call ends with when every
   * destination of its chain has failed: a WAV file (rtpengine reads it on SIP, on its machine;
   * the Twilio edge serves it for <Play>), by default assets/continuity-message.wav (spoken by
   * espeak-ng); `none`: no file (SIP: the call fails; Twilio: <Say> says it).
   */
  readonly continuityMessage: string;
  /**
   * B7: SWITCHBOARD_CONSENT_ANNOUNCEMENT, what a caller hears before a call is recorded where the
   * law of their place asks every party's consent (or the tenant announces always): a WAV file
   * (rtpengine plays it on SIP; the Twilio edge serves it for <Play>), by default
   * assets/consent-announcement.wav; `none`: Switchboard plays none and recording does not wait for
   * one (the deployment announces by other means: a workflow's own prompt).
   */
  readonly consentAnnouncement: string;
  /** SWITCHBOARD_SECURE_COOKIES: send the session cookie only over HTTPS (default false: set it behind TLS). */
  readonly secureCookies: boolean;
  /** SWITCHBOARD_SESSION_HOURS: how long a sign-in lasts (default 12). */
  readonly sessionHours: number;
  /** SWITCHBOARD_LOGIN_RATE: sign-in attempts allowed per address per minute (default 10). */
  readonly loginRatePerMinute: number;
  /**
   * SWITCHBOARD_TRUST_PROXY: which proxies' X-Forwarded-For to believe for the client's address
   * (sign-in limits, the audit log). Off by default: the socket's address. `true` trusts any
   * proxy (only when nothing can reach Switchboard except through them), a number trusts that many
   * hops, a comma-separated list trusts those addresses or CIDR ranges (e.g. 10.0.0.5,10.0.1.0/24).
   */
  readonly trustProxy: boolean | number | readonly string[];
  /** SWITCHBOARD_HSTS: send Strict-Transport-Security (served over TLS only; default false). */
  readonly hsts: boolean;
  /** SWITCHBOARD_STREAMS_PER_USER: event streams one user may hold open on a node (default 10: a few browser tabs). */
  readonly streamsPerUser: number;
  /**
   * SWITCHBOARD_METRICS_TOKEN: the bearer token Prometheus sends to scrape /metrics (16 letters and
   * digits or more). Unset: /metrics answers only loopback and private addresses.
   */
  readonly metricsToken: string | null;
  /** LOG_LEVEL: fatal, error, warn, info, debug, trace or silent (default info). */
  readonly logLevel: string;
  /**
   * X5, uploaded exclusion lists: SWITCHBOARD_IMPORT_MAX_MB (default 20), SWITCHBOARD_IMPORT_MAX_ROWS
   * (default 1,000,000), SWITCHBOARD_IMPORT_MAX_XLSX_MB, uncompressed (default 200).
   */
  readonly importLimits: ImportLimits;
  /**
   * The SIP edge, off unless SWITCHBOARD_KAMAILIO_EVAPI (host:port of Kamailio's evapi socket) is
   * set; then SWITCHBOARD_SIP_TARGETS (JSON: a sip: URI template per kind of target) is required.
   */
  readonly sip: {
    readonly evapiHost: string;
    readonly evapiPort: number;
    /** SWITCHBOARD_KAMAILIO_SECRET: what Kamailio's EVAPI_SECRET is set to; it accepts no Switchboard without it. */
    readonly evapiSecret: string;
    /**
     * SWITCHBOARD_SIP_PROBE (host:port, default 127.0.0.1:5090): where this node answers Kamailio's
     * dispatcher probes (SIP OPTIONS over UDP), and its name to Kamailio; listed in Kamailio's
     * dispatcher list (telephony:up's SWITCHBOARD_NODES). Each node of a deployment has its own.
     */
    readonly probe: { readonly host: string; readonly port: number };
    readonly targets: SipTargets;
    /** SWITCHBOARD_RTPENGINE_NG (host:port) and SWITCHBOARD_RECORDINGS_DIR (rtpengine's recording folder): recording on when both are set. */
    readonly recording: { readonly ngHost: string; readonly ngPort: number; readonly pcapDir: string } | null;
  } | null;
  /**
   * The Twilio-compatible edge (issue 14), off unless SWITCHBOARD_TWILIO_TARGETS (JSON: a template
   * per kind of target) is set. SWITCHBOARD_TWILIO_API_URL: the provider's REST API (default
   * https://api.twilio.com; another provider's, or a stand-in in tests). SWITCHBOARD_PUBLIC_URL:
   * the address the provider calls (signatures are computed over it); absent, the request's own
   * protocol and host, as the trusted proxies give them.
   */
  readonly twilio: {
    readonly targets: TwilioTargets;
    readonly apiUrl: string;
    readonly publicUrl: string | null;
  } | null;
  /**
   * SWITCHBOARD_SECRET_KEY: 32 bytes (64 hex digits, or base64) that seal the provider credentials
   * kept in the database (secret-box.ts); null: none can be kept.
   */
  readonly secretKey: string | null;
  /**
   * B10: the key that seals recordings at rest (AES-256-GCM; 32 bytes as 64 hex digits or base64):
   * SWITCHBOARD_RECORDING_KEY, or SWITCHBOARD_RECORDING_KEY_FILE naming a file that holds it,
   * outside SWITCHBOARD_DATA_DIR and rtpengine's recording folder (never beside the recordings).
   * null: recordings are kept as plain WAV files (0600).
   */
  readonly recordingKey: Buffer | null;
  /** B10: SWITCHBOARD_RETENTION_INTERVAL, seconds between runs of the recording deletion job (default 3600). */
  readonly retentionIntervalSeconds: number;
  /**
   * B3: SWITCHBOARD_WEBHOOKS_ALLOW_PRIVATE, webhooks may go to http:// and to loopback or private
   * addresses (tests, closed networks). Off: HTTPS to public addresses only.
   */
  readonly webhooksAllowPrivate: boolean;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: readonly string[]) {
    super(`invalid configuration:\n  ${problems.join('\n  ')}`);
  }
}

const MB = 1024 * 1024;
const mediaFileOf = (value: string) => (value === 'none' ? '' : resolve(value));
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const problems: string[] = [];
  const integer = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${name}: ${JSON.stringify(raw)} is not a whole number from ${min} to ${max}`);
      return fallback;
    }
    return value;
  };
  const flag = (name: string): boolean => {
    const raw = env[name];
    if (raw === undefined || raw === '') return false;
    if (['1', 'true', 'yes'].includes(raw.toLowerCase())) return true;
    if (['0', 'false', 'no'].includes(raw.toLowerCase())) return false;
    problems.push(`${name}: ${JSON.stringify(raw)} is not true or false`);
    return false;
  };
  const databaseUrl = env.DATABASE_URL?.trim() || null;
  if (databaseUrl !== null && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    problems.push(`DATABASE_URL: must start with postgres:// or postgresql:// (leave it unset for the embedded SQLite database)`);
  }
  const metricsToken = env.SWITCHBOARD_METRICS_TOKEN?.trim() || null;
  if (metricsToken !== null && !/^[A-Za-z0-9_-]{16,}$/.test(metricsToken)) {
    problems.push('SWITCHBOARD_METRICS_TOKEN: must be at least 16 letters, digits, - or _ (Prometheus sends it as a bearer token)');
  }
  const logLevel = env.LOG_LEVEL?.trim() || 'info';
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL: ${JSON.stringify(logLevel)} is not one of ${LOG_LEVELS.join(', ')}`);
  const dataDir = resolve(env.SWITCHBOARD_DATA_DIR?.trim() || './data');
  const config: Config = {
    port: integer('PORT', 8080, 0, 65535),
    host: env.HOST?.trim() || '127.0.0.1',
    databaseUrl,
    dataDir,
    continuityMessage: mediaFileOf(env.SWITCHBOARD_CONTINUITY_MESSAGE?.trim() || DEFAULT_CONTINUITY_MESSAGE),
    consentAnnouncement: mediaFileOf(env.SWITCHBOARD_CONSENT_ANNOUNCEMENT?.trim() || DEFAULT_CONSENT_ANNOUNCEMENT),
    secureCookies: flag('SWITCHBOARD_SECURE_COOKIES'),
    sessionHours: integer('SWITCHBOARD_SESSION_HOURS', 12, 1, 24 * 30),
    loginRatePerMinute: integer('SWITCHBOARD_LOGIN_RATE', 10, 1, 10_000),
    trustProxy: trustProxyOf(env.SWITCHBOARD_TRUST_PROXY?.trim() ?? '', problems),
    hsts: flag('SWITCHBOARD_HSTS'),
    streamsPerUser: integer('SWITCHBOARD_STREAMS_PER_USER', 10, 1, 1000),
    metricsToken,
    logLevel,
    sip: sipConfig(env, problems),
    twilio: twilioConfig(env, problems),
    secretKey: secretKeyOf(env.SWITCHBOARD_SECRET_KEY?.trim() ?? '', problems),
    recordingKey: recordingKeyOf(env, dataDir, problems),
    retentionIntervalSeconds: integer('SWITCHBOARD_RETENTION_INTERVAL', 3600, 1, 86_400),
    webhooksAllowPrivate: flag('SWITCHBOARD_WEBHOOKS_ALLOW_PRIVATE'),
    importLimits: {
      maxBytes: integer('SWITCHBOARD_IMPORT_MAX_MB', DEFAULT_LIMITS.maxBytes / MB, 1, 1024) * MB,
      maxRows: integer('SWITCHBOARD_IMPORT_MAX_ROWS', DEFAULT_LIMITS.maxRows, 1, 100_000_000),
      maxUncompressedBytes: integer('SWITCHBOARD_IMPORT_MAX_XLSX_MB', DEFAULT_LIMITS.maxUncompressedBytes / MB, 1, 10_240) * MB,
    },
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

function trustProxyOf(raw: string, problems: string[]): Config['trustProxy'] {
  if (raw === '' || /^(false|no|0)$/i.test(raw)) return false;
  if (/^(true|yes)$/i.test(raw)) return true;
  if (/^\d+$/.test(raw)) {
    const hops = Number(raw);
    if (hops <= 10) return hops;
  }
  const entries = raw
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  const bad = entries.filter((entry) => {
    const [address, prefix, ...rest] = entry.split('/');
    const family = isIP(address ?? '');
    return (
      family === 0 || rest.length > 0 || (prefix !== undefined && !(/^\d+$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128)))
    );
  });
  if (bad.length > 0 || entries.length === 0) {
    problems.push(
      `SWITCHBOARD_TRUST_PROXY: ${JSON.stringify(raw)} is not false, true, a number of hops (1-10) or a comma-separated list of addresses and CIDR ranges (${bad.map((b) => JSON.stringify(b)).join(', ') || 'none given'})`,
    );
    return false;
  }
  return entries;
}

function sipConfig(env: Record<string, string | undefined>, problems: string[]): Config['sip'] {
  const evapi = env.SWITCHBOARD_KAMAILIO_EVAPI?.trim();
  if (evapi === undefined || evapi === '') return null;
  const match = /^([\w.-]+|\[[\da-f:]+\]):(\d{1,5})$/i.exec(evapi);
  if (match === null) problems.push(`SWITCHBOARD_KAMAILIO_EVAPI: ${JSON.stringify(evapi)} is not host:port (e.g. 127.0.0.1:8448)`);
  const secret = env.SWITCHBOARD_KAMAILIO_SECRET?.trim() ?? '';
  if (!/^[A-Za-z0-9]{16,}$/.test(secret))
    problems.push(
      `SWITCHBOARD_KAMAILIO_SECRET: ${secret === '' ? 'required with the SIP edge' : 'must be at least 16 letters and digits'} (Kamailio's EVAPI_SECRET; telephony:up writes one to its run folder's evapi.secret)`,
    );
  const probe = env.SWITCHBOARD_SIP_PROBE?.trim() || '127.0.0.1:5090';
  const probeMatch = /^([\w.-]+):(\d{1,5})$/.exec(probe);
  if (probeMatch === null || Number(probeMatch[2]) < 1 || Number(probeMatch[2]) > 65535)
    problems.push(
      `SWITCHBOARD_SIP_PROBE: ${JSON.stringify(probe)} is not host:port (e.g. 10.0.0.11:5090, as listed in Kamailio's dispatcher list)`,
    );
  const { targets, problems: targetProblems } = parseSipTargets(env.SWITCHBOARD_SIP_TARGETS ?? '');
  problems.push(...targetProblems);
  const ng = env.SWITCHBOARD_RTPENGINE_NG?.trim();
  const pcapDir = env.SWITCHBOARD_RECORDINGS_DIR?.trim();
  const ngMatch = ng === undefined || ng === '' ? null : /^([\w.-]+):(\d{1,5})$/.exec(ng);
  if (ng !== undefined && ng !== '' && ngMatch === null)
    problems.push(`SWITCHBOARD_RTPENGINE_NG: ${JSON.stringify(ng)} is not host:port (e.g. 127.0.0.1:2223)`);
  if ((ngMatch === null) !== (pcapDir === undefined || pcapDir === ''))
    problems.push('SWITCHBOARD_RTPENGINE_NG and SWITCHBOARD_RECORDINGS_DIR: set both to record calls, or neither');
  if (match === null || probeMatch === null || targets === undefined) return null;
  const recording =
    ngMatch !== null && pcapDir !== undefined && pcapDir !== ''
      ? { ngHost: ngMatch[1]!, ngPort: Number(ngMatch[2]), pcapDir: resolve(pcapDir) }
      : null;
  return {
    evapiHost: match[1]!.replace(/^\[|\]$/g, ''),
    evapiPort: Number(match[2]),
    evapiSecret: secret,
    probe: { host: probeMatch[1]!, port: Number(probeMatch[2]) },
    targets,
    recording,
  };
}

/** Where each decision sends a call, as SIP URI templates (SWITCHBOARD_SIP_TARGETS; the SIP edge fills them in). */
export interface SipTargets {
  readonly queue: string;
  readonly employee: string;
  readonly voiceAgent: string;
  readonly number: string;
}

export const SIP_TARGET_KINDS = ['queue', 'employee', 'voiceAgent', 'number'] as const;
/** Reads the JSON of SWITCHBOARD_SIP_TARGETS; the problems name the key and the value. */
export function parseSipTargets(json: string): { targets?: SipTargets; problems: string[] } {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return {
      problems: [
        'SWITCHBOARD_SIP_TARGETS: is not JSON (e.g. {"queue":"sip:{id}@acd.example","employee":"sip:{id}@pbx.example","voiceAgent":"sip:{id}@va.example","number":"sip:{number}@gateway.example"})',
      ],
    };
  }
  const problems: string[] = [];
  const record = (value ?? {}) as Record<string, unknown>;
  for (const kind of SIP_TARGET_KINDS) {
    const template = record[kind];
    const placeholder = kind === 'number' ? '{number}' : '{id}';
    if (typeof template !== 'string' || !/^sips?:/.test(template) || !template.includes(placeholder)) {
      problems.push(`SWITCHBOARD_SIP_TARGETS.${kind}: ${JSON.stringify(template)} must be a sip: URI containing ${placeholder}`);
    }
  }
  return problems.length > 0 ? { problems } : { targets: record as unknown as SipTargets, problems };
}

/** Where each decision sends a call on a Twilio-compatible provider (SWITCHBOARD_TWILIO_TARGETS): `queue:<name>` (an <Enqueue>), `client:<identity>`, a sip: URI, or a number. */
export interface TwilioTargets {
  readonly queue: string;
  readonly employee: string;
  readonly voiceAgent: string;
  readonly number: string;
}

function twilioConfig(env: Record<string, string | undefined>, problems: string[]): Config['twilio'] {
  const raw = env.SWITCHBOARD_TWILIO_TARGETS?.trim();
  if (raw === undefined || raw === '') return null;
  const before = problems.length;
  let record: Record<string, unknown> = {};
  try {
    record = (JSON.parse(raw) ?? {}) as Record<string, unknown>;
  } catch {
    problems.push(
      'SWITCHBOARD_TWILIO_TARGETS: is not JSON (e.g. {"queue":"queue:{id}","employee":"client:{id}","voiceAgent":"sip:{id}@va.example","number":"{number}"})',
    );
  }
  for (const kind of SIP_TARGET_KINDS) {
    const template = record[kind];
    const placeholder = kind === 'number' ? '{number}' : '{id}';
    if (typeof template !== 'string' || !template.includes(placeholder) || template.length > 200) {
      problems.push(`SWITCHBOARD_TWILIO_TARGETS.${kind}: ${JSON.stringify(template)} must be a template containing ${placeholder}`);
    }
  }
  const apiUrl = (env.SWITCHBOARD_TWILIO_API_URL?.trim() || 'https://api.twilio.com').replace(/\/+$/, '');
  if (!/^https?:\/\/[^\s/]+$/.test(apiUrl)) problems.push(`SWITCHBOARD_TWILIO_API_URL: ${JSON.stringify(apiUrl)} is not an http(s) origin`);
  const publicUrl = env.SWITCHBOARD_PUBLIC_URL?.trim().replace(/\/+$/, '') || null;
  if (publicUrl !== null && !/^https?:\/\/[^\s]+$/.test(publicUrl))
    problems.push(`SWITCHBOARD_PUBLIC_URL: ${JSON.stringify(publicUrl)} is not an http(s) address`);
  if (problems.length > before) return null;
  return { targets: record as unknown as TwilioTargets, apiUrl, publicUrl };
}

function recordingKeyOf(env: Record<string, string | undefined>, dataDir: string, problems: string[]): Buffer | null {
  const value = env.SWITCHBOARD_RECORDING_KEY?.trim() ?? '';
  const file = env.SWITCHBOARD_RECORDING_KEY_FILE?.trim() ?? '';
  const help = '32 bytes, as 64 hex digits or base64 (openssl rand -hex 32)';
  if (value !== '' && file !== '') {
    problems.push('SWITCHBOARD_RECORDING_KEY and SWITCHBOARD_RECORDING_KEY_FILE: set one of them, not both');
    return null;
  }
  if (value !== '') {
    const key = keyFromSetting(value);
    if (key === null) problems.push(`SWITCHBOARD_RECORDING_KEY: must be ${help}`);
    return key;
  }
  if (file === '') return null;
  // Symbolic links followed, on both sides: a link elsewhere to a key inside is inside.
  const real = (p: string) => {
    try {
      return realpathSync(p);
    } catch {
      return resolve(p);
    }
  };
  const path = real(file);
  const pcapDir = env.SWITCHBOARD_RECORDINGS_DIR?.trim();
  const within = (dir: string) => {
    const rel = relative(real(dir), path);
    return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
  };
  const beside = [dataDir, ...(pcapDir ? [resolve(pcapDir)] : [])].find(within);
  if (beside !== undefined) {
    problems.push(
      `SWITCHBOARD_RECORDING_KEY_FILE: ${JSON.stringify(file)} is inside ${beside}, beside the recordings; keep the key elsewhere`,
    );
    return null;
  }
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    problems.push(
      `SWITCHBOARD_RECORDING_KEY_FILE: ${JSON.stringify(file)} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
    );
    return null;
  }
  const key = keyFromSetting(text);
  if (key === null) problems.push(`SWITCHBOARD_RECORDING_KEY_FILE: ${JSON.stringify(file)} must hold ${help}`);
  return key;
}

function secretKeyOf(raw: string, problems: string[]): string | null {
  if (raw === '') return null;
  const valid = keyFromSetting(raw) !== null;
  if (!valid) problems.push('SWITCHBOARD_SECRET_KEY: must be 32 bytes, as 64 hex digits or base64 (openssl rand -hex 32)');
  return valid ? raw : null;
}
