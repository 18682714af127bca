/**
 * L5 with the database gone (issue 13, item 4): what an ended call leaves (its call-log entry, its
 * recording's record) that the database cannot take now is kept, on disk as well as in memory, and
 * written when it answers again, in the order it happened. Each row's id is chosen before the
 * first attempt, and the log takes a call once (per network and edge), so a write retried after an
 * unclear failure never logs a call or a recording twice.
 *
 * The backlog file is the node's own (its data folder): a node restarted during an outage writes
 * what the last run kept as soon as the database is back.
 */
import { appendFileSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { isDatabaseUnavailable, type Store } from '../../store/db.js';
import { isLogged, logCall, type NewCall } from '../../store/call-log.repository.js';
import { enqueueWebhookEvent } from '../../store/webhooks.repository.js';
import { writeRecording, type NewRecording } from '../../store/recordings.repository.js';
import { PRIVATE_FILE } from '../../shared/private-files.js';
import type { Metrics } from '../metrics.js';

const RETRY_MS = 1000;

export type { NewRecording };

/** One row waiting for the database. */
export type Pending =
  | { readonly kind: 'call'; readonly call: NewCall }
  | { readonly kind: 'recording'; readonly id: string; readonly networkId: string; readonly recording: NewRecording };

/** B3: what a `call.decided` event tells: the call, where it went and why, and what was recorded. */
function callDecided(id: string, call: NewCall) {
  const { plan } = call;
  return {
    callLogId: id,
    callId: call.callId,
    source: call.source,
    startedAt: call.startedAt,
    tenantId: plan.linkedTenantId ?? plan.coreTenantId,
    direction: call.direction,
    from: call.from,
    to: call.to,
    ruleSet: plan.ruleSet,
    route: plan.route,
    recorded: plan.segments.length > 0,
    segments: plan.segments,
    loggedIn: plan.loggedIn,
    reasons: plan.reasons,
  };
}

/** B3: what a `recording.available` event tells, with where its audio is fetched (authenticated). */
function recordingAvailable(networkId: string, id: string, recording: NewRecording) {
  return {
    recordingId: id,
    callLogId: recording.callLogId,
    tenantId: recording.tenantId,
    durationMs: recording.durationMs,
    segments: recording.segments,
    kind: recording.kind ?? null,
    audio: `/api/networks/${networkId}/recordings/${id}/audio`,
  };
}

export class CallLogOutbox {
  private readonly backlog: Pending[] = [];
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> | null = null;
  private closed = false;

  constructor(
    private readonly store: Store,
    private readonly metrics: Metrics,
    /** Where the backlog is kept across restarts (null: memory only, as in tests and the command line). */
    private readonly file: string | null,
    private readonly warn: (message: string) => void = () => undefined,
  ) {}

  /** Takes back what a previous run kept, and starts writing it. */
  start(): void {
    if (this.file === null || !existsSync(this.file)) return;
    const kept = readFileSync(this.file, 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .flatMap((line) => {
        try {
          return [JSON.parse(line) as Pending];
        } catch {
          return []; // a line cut short by a crash while it was written
        }
      });
    this.backlog.push(...kept);
    this.metrics.callLogBacklog.set(this.backlog.length);
    if (kept.length > 0) {
      this.warn(`call log: ${kept.length} row(s) kept by the last run, written as soon as the database answers`);
      this.schedule(0);
    }
  }

  close(): void {
    this.closed = true;
    if (this.timer !== null) clearTimeout(this.timer);
  }

  /** Rows waiting for the database. */
  get waiting(): number {
    return this.backlog.length;
  }

  /**
   * Writes the row now, or keeps it when the database cannot be reached (an error of another kind
   * is thrown: the row itself is wrong). Resolves to whether it is in the database already.
   */
  async write(row: Pending): Promise<boolean> {
    if (row.kind === 'call' && !isLogged(row.call)) return false;
    if (this.backlog.length === 0) {
      try {
        await this.insert(row);
        return true;
      } catch (error) {
        if (!isDatabaseUnavailable(error)) throw error;
        this.warn(`call log: the database cannot be reached (${(error as Error).message}); keeping rows until it answers`);
      }
    }
    this.keep(row);
    return false;
  }

  /** Writes what is kept, in order, until done or the database fails again (then tries again later). */
  flush(): Promise<void> {
    this.flushing ??= this.writeBacklog().finally(() => {
      this.flushing = null;
    });
    return this.flushing;
  }

  /** Writes the row once, and (B3) its webhook event in the same transaction when this wrote it. */
  private async insert(row: Pending): Promise<void> {
    await this.store.db.transaction().execute(async (trx) => {
      if (row.kind === 'call') {
        const id = await logCall(trx, row.call);
        if (id !== null)
          await enqueueWebhookEvent(trx, row.call.networkId, 'call.decided', callDecided(id, row.call), undefined, `msg_call_${id}`);
      } else if (await writeRecording(trx, row.networkId, row.recording, row.id))
        await enqueueWebhookEvent(
          trx,
          row.networkId,
          'recording.available',
          recordingAvailable(row.networkId, row.id, row.recording),
          undefined,
          `msg_recording_${row.id}`,
        );
    });
  }

  private keep(row: Pending): void {
    this.backlog.push(row);
    if (this.file !== null) appendFileSync(this.file, `${JSON.stringify(row)}\n`, { mode: PRIVATE_FILE });
    this.metrics.callLogBacklog.set(this.backlog.length);
    this.schedule(RETRY_MS);
  }

  private schedule(delay: number): void {
    if (this.timer !== null || this.closed) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, delay);
    this.timer.unref();
  }

  private async writeBacklog(): Promise<void> {
    let written = 0;
    while (this.backlog.length > 0) {
      try {
        await this.insert(this.backlog[0]!);
        written++;
      } catch (error) {
        if (isDatabaseUnavailable(error)) {
          this.rewriteFile();
          this.schedule(RETRY_MS);
          return;
        }
        this.warn(
          `call log: a row kept during the outage was refused and set aside (${(error as Error).message}): ${JSON.stringify(this.backlog[0])}`,
        );
      }
      this.backlog.shift();
      this.metrics.callLogBacklog.set(this.backlog.length);
    }
    this.rewriteFile();
    if (written > 0) this.warn(`call log: the database answers again; ${written} kept row(s) written`);
  }

  /** The file holds exactly what is still waiting (written aside, then moved over the old one). */
  private rewriteFile(): void {
    if (this.file === null) return;
    const next = `${this.file}.next`;
    writeFileSync(next, this.backlog.map((row) => `${JSON.stringify(row)}\n`).join(''), { mode: PRIVATE_FILE });
    renameSync(next, this.file);
  }
}
