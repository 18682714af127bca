/**
 * B10: deletes the recordings each tenant no longer keeps. One node at a time runs it (a
 * PostgreSQL advisory lock, as the other single-owner jobs; the one node on SQLite). Each deletion
 * removes the file first (idempotent), then the row and its audit entry in one transaction: a run
 * killed anywhere resumes where it stopped, and no recording is deleted, nor audited, twice. A
 * legal hold on the call, the caller's number or the tenant keeps a recording until it is lifted.
 */
import { rm } from 'node:fs/promises';
import { isHeld, keptSince, RECORDING_KINDS, type RecordingKind } from '../domain/retention.js';
import { holdsOn } from '../store/legal-holds.repository.js';
import { listNetworkIds } from '../store/networks.repository.js';
import { deleteRecording, recordingsOlderThan, type RecordingRecord } from '../store/recordings.repository.js';
import { write } from '../store/unit-of-work.js';
import type { Application } from './application.js';

export const RETENTION_TICK_MS = 60 * 60_000;
const JOB = 'switchboard:recording-retention';
const BATCH = 500;
const RUNNER = { userId: null, name: 'recording retention', source: 'schedule' } as const;

export interface RetentionRun {
  /** The recordings deleted by this run. */
  readonly deleted: readonly string[];
  /** Past their time but kept by a legal hold. */
  readonly held: number;
  /** Past their time, held by a provider that could not delete them now (tried again at the next run), and why. */
  readonly failed: readonly { readonly id: string; readonly reason: string }[];
}

/** Where recordings held by a provider are deleted (the Twilio-compatible edge); absent: none can be, and they are kept. */
export interface ProviderRecordings {
  delete(networkId: string, mediaUrl: string): Promise<void>;
}

/** Deletes every recording past its tenant's retention at `now`, except held ones; nothing when another node holds the job. */
export async function runRetention(
  app: Application,
  now = new Date(),
  /** Hears each deletion once it is done, and is waited for (a test stops the run here, or acts while it runs). */
  onDeleted?: (id: string) => void | Promise<void>,
  provider?: ProviderRecordings,
): Promise<RetentionRun> {
  const { store } = app;
  if (store.feed.shared && !(await store.feed.tryLock(JOB))) return { deleted: [], held: 0, failed: [] };
  const deleted: string[] = [];
  const failed: { id: string; reason: string }[] = [];
  let held = 0;
  for (const networkId of await listNetworkIds(store.db)) {
    const snapshot = await app.snapshots?.get(networkId);
    if (snapshot === undefined) continue;
    for (const tenant of snapshot.tenants) {
      const retention = tenant.recordingRetention;
      if (retention === undefined) continue;
      for (const kind of RECORDING_KINDS) {
        const days = retention[kind];
        if (days === null) continue;
        const before = new Date(keptSince(now.getTime(), days)).toISOString();
        for await (const recording of expired(app, networkId, tenant.id, kind, before)) {
          // The holds are read again for each recording, just before anything is deleted: a hold
          // placed while a long run goes on stops the deletions after it.
          if (isHeld(await holdsOn(store.db, networkId, recording), recording)) {
            held++;
            continue;
          }
          if (recording.mediaUrl !== null) {
            // The provider's copy first, as the file: a run that stops after it deletes it again (404: done).
            const refused = await (provider === undefined
              ? Promise.resolve('no provider edge on this node')
              : provider.delete(networkId, recording.mediaUrl).then(
                  () => null,
                  (error: unknown) => (error as Error).message,
                ));
            if (refused !== null) {
              failed.push({ id: recording.id, reason: refused });
              continue;
            }
          }
          if (recording.file !== '') await rm(recording.file, { force: true });
          await write(store, RUNNER, async (unit) => {
            if (!(await deleteRecording(unit.trx, networkId, recording.id))) return;
            await unit.audit(networkId, {
              action: 'recording.deleted',
              resourceType: 'recording',
              resourceId: recording.id,
              tenantIds: [tenant.id],
              before: {
                callLogId: recording.callLogId,
                kind,
                createdAt: recording.createdAt,
                caller: recording.caller,
                ...(recording.mediaUrl === null ? {} : { heldBy: 'provider' }),
              },
              after: { reason: `kept ${days} days (${tenant.name}'s ${kind.replace('_', ' ')} recordings)` },
            });
          });
          deleted.push(recording.id);
          await onDeleted?.(recording.id);
        }
      }
    }
  }
  return { deleted, held, failed };
}

/** The tenant's recordings of a kind made before `before`, oldest first, a page at a time (held ones are passed over, not seen again). */
async function* expired(app: Application, networkId: string, tenantId: string, kind: RecordingKind, before: string) {
  let after: RecordingRecord | undefined;
  for (;;) {
    const page = await recordingsOlderThan(app.store.db, networkId, tenantId, kind, before, BATCH, after);
    yield* page;
    if (page.length < BATCH) return;
    after = page.at(-1);
  }
}

/** Runs the job now and every `tickMs`; a failed run (or a provider's recording it could not delete) is reported and tried at the next tick. */
export function startRetentionRunner(
  app: Application,
  report: (error: unknown) => void,
  tickMs = RETENTION_TICK_MS,
  provider?: ProviderRecordings,
): () => void {
  let running = false;
  const tick = () => {
    if (running) return;
    running = true;
    void runRetention(app, new Date(), undefined, provider)
      .then(({ failed }) => {
        if (failed.length > 0)
          report(
            new Error(
              `the provider did not delete ${failed.length} expired recordings: ${failed
                .slice(0, 5)
                .map((f) => `${f.id} (${f.reason})`)
                .join(', ')}`,
            ),
          );
      })
      .catch(report)
      .finally(() => {
        running = false;
      });
  };
  tick();
  const timer = setInterval(tick, tickMs);
  timer.unref();
  return () => clearInterval(timer);
}
