/** Reading the contact-center recording settings, the exclusion list, and recordings of real calls. */
import { listHolds, type LegalHold } from '../../store/legal-holds.repository.js';
import { open as openFile, type FileHandle } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Readable } from 'node:stream';
import { AppError, errors } from '../../shared/errors.js';
import { keyIdOf, open, SEAL_MARK_BYTES, startsSealed } from '../../shared/sealed-file.js';
import { exclusionValues, listExclusions, type ExclusionPage } from '../../store/exclusions.repository.js';
import { getRecordingDefaults, type RecordingDefaultsRecord } from '../../store/recording-defaults.repository.js';
import { getRecording, listRecordings, type RecordingRecord } from '../../store/recordings.repository.js';
import { loggedCallByCallId } from '../../store/call-log.repository.js';
import type { Application } from '../application.js';
import type { Scope } from '../policies/scope.js';
import { readableTenants } from './visible-tenants.js';

/** R1-R9; a network always has them. */
export async function recordingDefaults(app: Application, networkId: string): Promise<RecordingDefaultsRecord> {
  const record = await getRecordingDefaults(app.store.db, networkId);
  if (record === undefined) throw errors.notFound('network', networkId);
  return record;
}

export const exclusionsPage = (
  app: Application,
  networkId: string,
  page: { limit: number; offset: number; digits?: string },
): Promise<ExclusionPage> => listExclusions(app.store.db, networkId, page);

/** Every entry of the list (E.164 numbers and 3-digit area codes): the download, the import's preview. */
export const exclusionList = (app: Application, networkId: string): Promise<string[]> => exclusionValues(app.store.db, networkId);

/** Recordings of the tenants the caller may read, newest first (a network administrator: all). */
export async function recordings(app: Application, scope: Scope, limit: number, before?: string): Promise<RecordingRecord[]> {
  return listRecordings(app.store.db, scope.networkId, await readableTenants(app.store.db, scope), limit, before);
}

/** One recording, if the caller may read it; else undefined (the edge answers 404). */
export async function recording(app: Application, scope: Scope, id: string): Promise<RecordingRecord | undefined> {
  const found = await getRecording(app.store.db, scope.networkId, id);
  if (found === undefined) return undefined;
  const visible = await readableTenants(app.store.db, scope);
  return visible === undefined || (found.tenantId !== null && visible.includes(found.tenantId)) ? found : undefined;
}

/** A recording's audio, open: its length, and any span of it (a player asks for the rest after a pause or a seek). */
export interface RecordingAudio {
  readonly size: number;
  /** Bytes `start` to `end`, both included; the audio is let go once they are read. */
  read(start: number, end: number): Buffer | Readable;
  /** Lets the audio go unread. */
  close(): void;
}

/**
 * B10: a recording's audio kept here: a plain WAV read from its file, a sealed one read and opened
 * (served only once its tag is checked); undefined when its file is gone. A sealed file this node
 * cannot open (no key, another key, changed bytes, another recording's) is an error that says so.
 */
export async function recordingAudio(app: Application, recording: RecordingRecord): Promise<RecordingAudio | undefined> {
  let data: Buffer;
  let file: FileHandle;
  try {
    file = await openFile(recording.file, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  let kept = false;
  try {
    const first = Buffer.alloc(SEAL_MARK_BYTES);
    const { bytesRead } = await file.read(first, 0, first.length, 0);
    // The file already open is read (deleted meanwhile, it still reads); its stream closes it.
    if (!startsSealed(first.subarray(0, bytesRead))) {
      const { size } = await file.stat();
      kept = true;
      return { size, read: (start, end) => file.createReadStream({ start, end }), close: () => void file.close() };
    }
    data = await file.readFile();
  } finally {
    if (!kept) await file.close();
  }
  const key = app.recordingKey;
  if (key === null)
    throw errors.notConfigured(
      'SWITCHBOARD_RECORDING_KEY',
      'This recording is sealed, and this node has no recording key (SWITCHBOARD_RECORDING_KEY).',
    );
  let wav: Buffer;
  try {
    wav = open(key, data, basename(recording.file));
  } catch (error) {
    throw new AppError(
      500,
      'recording_unreadable',
      `Recording ${JSON.stringify(recording.id)} cannot be opened: ${(error as Error).message} (this node's key id is ${keyIdOf(key)}).`,
    );
  }
  return { size: wav.length, read: (start, end) => wav.subarray(start, end + 1), close: () => undefined };
}

/** An edge's call in the call log, by the edge's call id (a provider's recording is attached to it); undefined while it is not logged. */
export const loggedCall = (app: Application, networkId: string, source: string, callId: string) =>
  loggedCallByCallId(app.store.db, networkId, source, callId);

/** B10: the network's legal holds, newest first. */
export const legalHolds = (app: Application, networkId: string): Promise<LegalHold[]> => listHolds(app.store.db, networkId);
