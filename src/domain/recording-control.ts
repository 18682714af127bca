/**
 * What governs a call's recording at one moment (a "control"), and what an agent may do under
 * it. The mode table of SPEC section 4 lives here, once; `decideRecording` only moves a call
 * from one control to the next.
 */
import type { ConnectedMode, CoreRecordingMode, Employee, ModeSetting, Queue, RecordingDefaults, RecordingMode } from './model.js';
import { reason, type Reason, type RuleId } from './rules.js';

/** The rule a mode setting came from: connected trigger, queue default/custom, individual default/custom. */
export type SettingRule = 'R2' | 'R4' | 'R5' | 'R7' | 'R8';

export type Control =
  /** L4: internal calls. */
  | { readonly kind: 'none' }
  /** R13 voice agent, R14 forwarded: recorded, nobody can stop it. */
  | { readonly kind: 'forced'; readonly rule: 'R13' | 'R14' }
  /** L1 + L2: the tenant's core settings. */
  | { readonly kind: 'core'; readonly mode: CoreRecordingMode }
  /** R10 + R12: cannot be recorded. */
  | { readonly kind: 'excluded' }
  /** R3: On Call Answered, nobody has answered yet. */
  | { readonly kind: 'waiting' }
  | { readonly kind: 'mode'; readonly rule: SettingRule; readonly setting: ModeSetting };

export const NO_CONTROL: Control = Object.freeze({ kind: 'none' });
export const EXCLUDED: Control = Object.freeze({ kind: 'excluded' });
export const WAITING: Control = Object.freeze({ kind: 'waiting' });
export const VOICE_AGENT: Control = Object.freeze({ kind: 'forced', rule: 'R13' });
export const FORWARDED: Control = Object.freeze({ kind: 'forced', rule: 'R14' });
/** R2: no announcement setting exists under On Call Connected (docs/decisions/0018-r2-has-no-announcement.md). */
export const CONNECTED_CONTROL: Record<ConnectedMode, Control> = {
  always: Object.freeze({ kind: 'mode', rule: 'R2', setting: Object.freeze({ mode: 'always', announcement: 'none' }) }),
  automatic: Object.freeze({ kind: 'mode', rule: 'R2', setting: Object.freeze({ mode: 'automatic', announcement: 'none' }) }),
};

/** Whether a control starts recording by itself when it takes over. */
export function startsByItself(control: Control): boolean {
  switch (control.kind) {
    case 'forced':
      return true;
    case 'core':
      return control.mode === 'automatic';
    case 'mode':
      return control.setting.mode === 'always' || control.setting.mode === 'automatic';
    default:
      return false;
  }
}

export function announcementOf(control: Control): ModeSetting['announcement'] {
  return control.kind === 'mode' ? control.setting.announcement : 'none';
}

export function ruleOf(control: Control): RuleId {
  switch (control.kind) {
    case 'none':
      return 'L4';
    case 'forced':
    case 'mode':
      return control.rule;
    case 'core':
      return 'L2';
    case 'excluded':
      return 'R12';
    case 'waiting':
      return 'R3';
  }
}

export type AgentMay = 'start' | 'stop' | 'nothing';

export interface Ability {
  readonly may: AgentMay;
  readonly why: Reason;
}

const ability = (may: AgentMay, rule: RuleId, text: string): Ability => Object.freeze({ may, why: reason(rule, text) });

const INTERNAL = ability('nothing', 'L4', 'Internal calls are never recorded.');
const PAUSED = ability('nothing', 'R15', 'The payment screen is open: recording is paused until it closes.');
const EXCLUDED_ABILITY = ability('nothing', 'R12', 'The call is excluded from recording: the record button is disabled.');
const WAITING_ABILITY = ability('nothing', 'R3', 'Recording waits until the call is answered (On Call Answered).');
const FORCED_ABILITY = {
  R13: ability('nothing', 'R13', 'A voice agent handles the call: it is always recorded and cannot be stopped.'),
  R14: ability('nothing', 'R14', 'The call was forwarded to an external number: it is always recorded and cannot be stopped.'),
} as const;
const CORE_ABILITY: Record<CoreRecordingMode, readonly [Ability, Ability]> = {
  automatic: [
    ability('nothing', 'L2', 'Core setting "automatic": every call is recorded.'),
    ability('nothing', 'L2', 'Core setting "automatic": every call is recorded.'),
  ],
  on_demand: [
    ability('start', 'L2', 'Core setting "on demand": the user may start the recording.'),
    ability('stop', 'L2', 'Core setting "on demand": the user may stop the recording.'),
  ],
  never: [
    ability('nothing', 'L2', 'Core setting "never": calls are not recorded.'),
    ability('nothing', 'L2', 'Core setting "never": calls are not recorded.'),
  ],
};

const SETTING_RULES: readonly SettingRule[] = ['R2', 'R4', 'R5', 'R7', 'R8'];
const MODE_TEXT: Record<RecordingMode, readonly [off: [AgentMay, string], on: [AgentMay, string]]> = {
  always: [
    ['nothing', 'Mode "always": recording cannot be turned off.'],
    ['nothing', 'Mode "always": the agent cannot stop the recording.'],
  ],
  automatic: [
    ['start', 'Mode "automatic": the agent stopped the recording and may start it again.'],
    ['stop', 'Mode "automatic": the agent may stop the recording.'],
  ],
  manual: [
    ['start', 'Mode "manual": the agent may start the recording.'],
    ['stop', 'Mode "manual": the agent may stop the recording.'],
  ],
  never: [
    ['nothing', 'Mode "never": the recording cannot be started.'],
    ['nothing', 'Mode "never": the recording cannot be started.'],
  ],
};
/** Every (rule, mode, recording?) combination, built once: a lookup, never a string built per call. */
const MODE_ABILITY = {} as Record<SettingRule, Record<RecordingMode, readonly [off: Ability, on: Ability]>>;
for (const rule of SETTING_RULES) {
  const byMode = {} as Record<RecordingMode, readonly [Ability, Ability]>;
  for (const mode of Object.keys(MODE_TEXT) as RecordingMode[]) {
    const [off, on] = MODE_TEXT[mode];
    byMode[mode] = [ability(off[0], rule, off[1]), ability(on[0], rule, on[1])];
  }
  MODE_ABILITY[rule] = byMode;
}

const NOBODY = new Map<RuleId, Ability>();
const ENDED = new Map<RuleId, Ability>();
function cached(cache: Map<RuleId, Ability>, rule: RuleId, text: string): Ability {
  let found = cache.get(rule);
  if (found === undefined) {
    found = ability('nothing', rule, text);
    cache.set(rule, found);
  }
  return found;
}

/**
 * What the agent may do now: start, stop or nothing, and the rule that says so. Precedence:
 * L4 internal, R12 excluded, R3 waiting, R15 paused, R13/R14 forced, then whether the call is
 * still up with someone on it, then the core (L2) or mode table.
 */
export function agentAbility(control: Control, wanted: boolean, paused: boolean, agentPresent: boolean, ended: boolean): Ability {
  switch (control.kind) {
    case 'none':
      return INTERNAL;
    case 'excluded':
      return EXCLUDED_ABILITY;
    case 'waiting':
      return WAITING_ABILITY;
  }
  if (paused) return PAUSED;
  if (control.kind === 'forced') return FORCED_ABILITY[control.rule];
  if (ended) return cached(ENDED, ruleOf(control), 'The call has ended.');
  if (!agentPresent) return cached(NOBODY, ruleOf(control), 'No agent is on the call to start or stop the recording.');
  return control.kind === 'core'
    ? CORE_ABILITY[control.mode][wanted ? 1 : 0]
    : MODE_ABILITY[control.rule][control.setting.mode][wanted ? 1 : 0];
}

const label = (setting: ModeSetting): string =>
  `${setting.mode}, ${setting.announcement === 'prompt_agent' ? 'prompt the agent to announce' : 'no announcement'}`;

export interface ResolvedControl {
  readonly control: Control;
  readonly why: Reason;
}

// Snapshots are immutable, so a queue's or an employee's control under given defaults never
// changes: resolve it once, not on every call.
const queueMemo = new WeakMap<RecordingDefaults, WeakMap<Queue, ResolvedControl>>();
const individualMemo = new WeakMap<RecordingDefaults, WeakMap<Employee, { inbound?: ResolvedControl; outbound?: ResolvedControl }>>();

function memoFor<K extends object, V>(memo: WeakMap<RecordingDefaults, WeakMap<K, V>>, defaults: RecordingDefaults): WeakMap<K, V> {
  let inner = memo.get(defaults);
  if (inner === undefined) {
    inner = new WeakMap();
    memo.set(defaults, inner);
  }
  return inner;
}

/** R4/R5: a queue's settings, with the reason naming whether they are custom. */
export function queueControl(queue: Queue, defaults: RecordingDefaults): ResolvedControl {
  const memo = memoFor(queueMemo, defaults);
  let resolved = memo.get(queue);
  if (resolved === undefined) {
    resolved =
      queue.customRecording !== null
        ? {
            control: { kind: 'mode', rule: 'R5', setting: queue.customRecording },
            why: reason('R5', `Queue "${queue.name}" has custom settings: ${label(queue.customRecording)}.`),
          }
        : {
            control: { kind: 'mode', rule: 'R4', setting: defaults.queue },
            why: reason('R4', `Queue "${queue.name}" follows the queue defaults: ${label(defaults.queue)}.`),
          };
    memo.set(queue, resolved);
  }
  return resolved;
}

/** R7/R8: an employee's individual settings for one direction. */
export function individualControl(employee: Employee, direction: 'inbound' | 'outbound', defaults: RecordingDefaults): ResolvedControl {
  const memo = memoFor(individualMemo, defaults);
  let byDirection = memo.get(employee);
  if (byDirection === undefined) {
    byDirection = {};
    memo.set(employee, byDirection);
  }
  let resolved = byDirection[direction];
  if (resolved === undefined) {
    const custom = employee.customRecording?.[direction];
    const setting = custom ?? defaults.individual[direction];
    resolved =
      custom !== undefined
        ? {
            control: { kind: 'mode', rule: 'R8', setting },
            why: reason('R8', `${employee.name} has custom ${direction} settings: ${label(setting)}.`),
          }
        : {
            control: { kind: 'mode', rule: 'R7', setting },
            why: reason('R7', `${employee.name} follows the individual ${direction} defaults: ${label(setting)}.`),
          };
    byDirection[direction] = resolved;
  }
  return resolved;
}
