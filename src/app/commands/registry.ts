/**
 * Every command by its name: what a stored command (a scheduled switch, a change waiting for a
 * second approver) is run by, later and unchanged.
 */
import type { Application } from '../application.js';
import { createToken, revokeToken } from './api-tokens.js';
import type { By, Command, RunOptions } from './command.js';
import { createEmployee, createQueue, deleteEmployee, deleteQueue, renameQueue, updateEmployee } from './contact-center-directory.js';
import { setExceptionNumber, updateChain, updateDefaultDestination } from './continuity-settings.js';
import { changeSchedule, scheduleContinuity } from './continuity-schedules.js';
import { endDrill, startDrill } from './continuity-drill.js';
import { closeApprovalRequest, requestApproval, setContinuityApprovalPolicy } from './continuity-approvals.js';
import { switchContinuity, turnOffForAll, turnOnForAll } from './continuity-switcher.js';
import { updateCoreRecording, updateRecordingConsent } from './core-recording-updater.js';
import { customizeEmployee, customizeQueue } from './custom-recording.js';
import { addExclusionEntry, removeExclusionEntry } from './exclusion-editor.js';
import { importExclusionList } from './exclusion-list-importer.js';
import { changeRecordingDefaults } from './recording-defaults-updater.js';
import { createTenant, updateTenantDetails } from './tenant-directory.js';
import { changeWorkflow, createTrackingNumber, deleteTrackingNumber } from './tracking-number-directory.js';
import { createVoiceAgent, deleteVoiceAgent, updateVoiceAgent } from './voice-agent-directory.js';
import { setTwilioAccount } from './twilio-account.js';
import { errors } from '../../shared/errors.js';

const ALL: readonly Command[] = [
  switchContinuity,
  turnOnForAll,
  turnOffForAll,
  scheduleContinuity,
  changeSchedule,
  setContinuityApprovalPolicy,
  requestApproval,
  closeApprovalRequest,
  startDrill,
  endDrill,
  updateDefaultDestination,
  updateChain,
  setExceptionNumber,
  updateCoreRecording,
  updateRecordingConsent,
  customizeQueue,
  customizeEmployee,
  changeRecordingDefaults,
  addExclusionEntry,
  removeExclusionEntry,
  importExclusionList,
  createTenant,
  updateTenantDetails,
  createTrackingNumber,
  changeWorkflow,
  deleteTrackingNumber,
  createQueue,
  renameQueue,
  deleteQueue,
  createEmployee,
  updateEmployee,
  deleteEmployee,
  createVoiceAgent,
  updateVoiceAgent,
  deleteVoiceAgent,
  createToken,
  revokeToken,
  setTwilioAccount,
] as readonly Command[];

export const COMMANDS: ReadonlyMap<string, Command> = new Map(ALL.map((command) => [command.name, command]));

/** A command as it is kept: plain JSON (who asked is kept by whoever stores it, with their permissions as of running). */
export interface StoredCommand {
  readonly name: string;
  readonly networkId: string;
  readonly input: unknown;
}

/** Runs a stored command now, as `by`: its input is validated and its policy checked again. */
export async function runStored(app: Application, stored: StoredCommand, by: By, options: RunOptions = {}): Promise<unknown> {
  const command = COMMANDS.get(stored.name);
  if (command === undefined) throw errors.validation('name', stored.name, `name: no command ${JSON.stringify(stored.name)}.`);
  return app.commands.run(command, stored.networkId, by, stored.input, options);
}

/** What a switch did, kept on the schedule or request that ran it: the tenant's state, or the tenants switched and left off. */
export function switchOutcome(result: unknown): unknown {
  if (typeof result !== 'object' || result === null) return null;
  const record = result as { tenant?: { id?: string; continuity?: { enabled?: boolean } }; switched?: unknown; leftOff?: unknown };
  if (record.switched !== undefined) return { switched: record.switched, leftOff: record.leftOff ?? [] };
  return { tenantId: record.tenant?.id ?? null, enabled: record.tenant?.continuity?.enabled ?? null };
}
