/**
 * Issue 14: a network's provider account as its administrators see it (never the token), and the
 * credentials the Twilio-compatible edge checks each webhook with: by the account SID the request
 * names, the token opened, kept 5 s (a webhook costs no database read; a token replaced is in use
 * within 5 s on every node).
 */
import { twilioAccountBySid, twilioAccountOf } from '../../store/twilio-accounts.repository.js';
import { authTokenPurpose } from '../commands/twilio-account.js';
import type { Application } from '../application.js';

const CACHE_MS = 5000;

export interface TwilioAccountView {
  readonly accountSid: string;
  readonly updatedAt: string;
}

export interface TwilioCredentials {
  readonly networkId: string;
  readonly accountSid: string;
  readonly authToken: string;
}

export async function twilioAccountView(app: Application, networkId: string): Promise<TwilioAccountView | null> {
  const row = await twilioAccountOf(app.store.db, networkId);
  return row === undefined ? null : { accountSid: row.accountSid, updatedAt: row.updatedAt };
}

/**
 * The credentials of the account a webhook names, from the database at most every 5 s; while the
 * database cannot be reached, the last ones read (calls go on through a database outage).
 */
export class TwilioCredentialsCache {
  private readonly cache = new Map<string, { at: number; credentials: TwilioCredentials | undefined }>();
  private readonly reading = new Map<string, Promise<TwilioCredentials | undefined>>();
  /** Each network's account SID, as last read. */
  private readonly accounts = new Map<string, { at: number; accountSid: string | null }>();

  constructor(private readonly app: Application) {}

  async get(accountSid: string): Promise<TwilioCredentials | undefined> {
    const cached = this.cache.get(accountSid);
    if (cached !== undefined && Date.now() - cached.at < CACHE_MS) return cached.credentials;
    let reading = this.reading.get(accountSid);
    if (reading === undefined) {
      reading = this.read(accountSid, cached).finally(() => this.reading.delete(accountSid));
      this.reading.set(accountSid, reading);
    }
    return reading;
  }

  /** The credentials of a network's account (a call's recording is driven by its network's account). */
  async forNetwork(networkId: string): Promise<TwilioCredentials | undefined> {
    const known = this.accounts.get(networkId);
    if (known !== undefined && Date.now() - known.at < CACHE_MS) return known.accountSid === null ? undefined : this.get(known.accountSid);
    let accountSid: string | null;
    try {
      accountSid = (await twilioAccountOf(this.app.store.db, networkId))?.accountSid ?? null;
    } catch {
      accountSid = known?.accountSid ?? null;
    }
    this.accounts.set(networkId, { at: Date.now(), accountSid });
    return accountSid === null ? undefined : this.get(accountSid);
  }

  private async read(
    accountSid: string,
    stale: { credentials: TwilioCredentials | undefined } | undefined,
  ): Promise<TwilioCredentials | undefined> {
    let row;
    try {
      row = await twilioAccountBySid(this.app.store.db, accountSid);
    } catch {
      return stale?.credentials;
    }
    const credentials = row === undefined ? undefined : this.open(row.networkId, accountSid, row.authTokenSealed);
    this.cache.set(accountSid, { at: Date.now(), credentials });
    if (this.cache.size > 10_000) this.cache.delete(this.cache.keys().next().value!);
    return credentials;
  }

  private open(networkId: string, accountSid: string, sealed: string): TwilioCredentials | undefined {
    if (this.app.secrets === null) return undefined;
    try {
      return { networkId, accountSid, authToken: this.app.secrets.open(sealed, authTokenPurpose(accountSid)) };
    } catch {
      // Sealed under another key (SWITCHBOARD_SECRET_KEY changed): the account must be set again.
      return undefined;
    }
  }
}
