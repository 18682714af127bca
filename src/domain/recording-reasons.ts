/**
 * The sentences a recording plan gives as its reasons (R16), one per rule and situation. Built
 * once at load wherever the text does not depend on the call, so a decision allocates none.
 */
import type { CallContext } from './call.js';
import type { CoreRecordingMode } from './model.js';
import { reason, type Reason, type RuleId } from './rules.js';

export const R13_VOICE_AGENT = reason('R13', 'A voice agent handles the call: it is always recorded, even when the number is excluded.');
export const R14_FORWARD = reason('R14', 'The call is forwarded to an external number: recorded from the forward on, even when excluded.');
export const R14_NOT_CORE = reason('R14', 'R14 is a contact-center rule; the core settings decide this call (L1 precedes R14).');
export const R12_EXCLUDED = reason('R12', 'An excluded call cannot be recorded, whatever the mode.');
export const R2_CONNECTED = reason(
  'R2',
  'Trigger "On Call Connected": recording starts at connect; queue and individual settings are ignored.',
);
export const R2_TRANSFER = reason('R2', 'Under "On Call Connected" a transfer does not change the recording.');
export const R3_WAITING = reason('R3', 'Trigger "On Call Answered": recording waits until the call is answered.');
export const R15_PAUSE = reason('R15', 'The payment screen is open: the recording is paused and nothing is stored until it closes.');
export const R15_RESUME = reason('R15', 'The payment screen closed: the recording resumes.');
export const R15_MANUAL = reason('R15', 'Auto-pause works only for calls linked to a tenant: the agent must pause the recording manually.');
export const R11_NOT_PERSONAL = reason(
  'R11',
  "The answering employee's direct line is excluded, but a queue or tenant call is not a personal call.",
);
export const R6_ANSWERED_ELSEWHERE = reason('R6', 'The call was answered in another queue: the settings of the queue that answers apply.');
export const R6_REDIRECTED = reason('R6', 'Redirected to another queue: the settings of the queue that answers apply.');
export const R9_KEEP_QUEUE = reason('R9', 'Transfer to a queue keeps the call\'s recording status ("keep original").');
export const R9_KEEP_EMPLOYEE = reason('R9', 'Transfer to an employee keeps the call\'s recording status ("keep original").');
export const R9_FOLLOW_QUEUE = reason('R9', 'Transfer to a queue takes the destination\'s settings ("follow destination").');
export const R9_FOLLOW_EMPLOYEE = reason('R9', 'Transfer to an employee takes the destination\'s settings ("follow destination").');
const AGENT_ACTED = new Map<string, Reason>();
export function agentActed(rule: RuleId, action: 'start' | 'stop'): Reason {
  const key = `${rule}:${action}`;
  let found = AGENT_ACTED.get(key);
  if (found === undefined) {
    found = reason(rule, action === 'start' ? 'The agent started the recording.' : 'The agent stopped the recording.');
    AGENT_ACTED.set(key, found);
  }
  return found;
}
export const CORE_MODE: Record<CoreRecordingMode, Reason> = {
  automatic: reason('L2', 'Core setting "automatic": every call is recorded.'),
  on_demand: reason('L2', 'Core setting "on demand": the user starts the recording if needed.'),
  never: reason('L2', 'Core setting "never": the call is not recorded.'),
};

/** R10: which party matched the exclusion list, and how, as the start of a sentence. */
export function excludedText(context: CallContext): string {
  const exclusion = context.exclusion!;
  const who = exclusion.party === 'direct_line' ? "The employee's direct line" : exclusion.party === 'caller' ? 'The caller' : 'The callee';
  const how = exclusion.match === 'area_code' ? `its area code ${exclusion.number.slice(2, 5)} is` : 'it is';
  return `${who} ${exclusion.number}: ${how} on the exclusion list`;
}
