/** Recordings of real calls, as the edge that captured their audio stores them (one file per call, with the plan's segments). */
import { insertRecording, type RecordingRecord } from '../../store/recordings.repository.js';
import type { Application } from '../application.js';

export type NewRecording = Omit<RecordingRecord, 'id' | 'createdAt'>;

export const saveRecording = (app: Application, networkId: string, recording: NewRecording): Promise<string> =>
  insertRecording(app.store.db, networkId, recording);
