/**
 * The agent console's simulated call: decided on the network's snapshot exactly as a real call,
 * and logged (L5, source `simulated`) once it has hung up.
 */
import { decideRecording, type RecordingPlan } from '../../domain/decide-recording.js';
import { readCall, readEvents } from '../../domain/scenario.js';
import type { NetworkSnapshot } from '../../domain/snapshot.js';
import { logCall, newCallLogId } from '../../store/call-log.repository.js';
import type { Application } from '../application.js';

export async function runSimulatedCall(
  app: Application,
  snapshot: NetworkSnapshot,
  rawCall: unknown,
  rawEvents: unknown,
): Promise<{ plan: RecordingPlan; loggedCallId: string | null }> {
  const read = readCall(rawCall);
  // Placed now, as a real call: a drill running now (B4) decides it.
  const call = read.direction === 'inbound' ? { ...read, at: Date.now() } : read;
  const events = readEvents(rawEvents);
  const plan = decideRecording(snapshot, call, events);
  if (!plan.ended) return { plan, loggedCallId: null };
  const startedAt = new Date(Date.now() - 1000 * (events.at(-1)?.at ?? 0)).toISOString();
  const from = call.direction === 'inbound' ? call.from : null;
  const to = call.direction === 'internal' ? null : call.to;
  const id = newCallLogId();
  const loggedCallId = await logCall(app.store.db, {
    id,
    callId: id,
    networkId: snapshot.networkId,
    startedAt,
    direction: call.direction,
    from,
    to,
    plan,
    source: 'simulated',
  });
  return { plan, loggedCallId };
}
