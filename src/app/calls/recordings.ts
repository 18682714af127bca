/**
 * Recordings of real calls, as the edge that captured their audio stores them (one file per call,
 * with the plan's segments). Written behind the call's log entry, and kept with it while the
 * database is gone (call-log-outbox.ts).
 */
import type { Application } from '../application.js';
import type { NewRecording } from './call-log-outbox.js';

export type { NewRecording };

export const saveRecording = (app: Application, networkId: string, recording: NewRecording): Promise<string> =>
  app.calls.saveRecording(networkId, recording);
