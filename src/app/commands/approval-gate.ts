/**
 * B5: which switches need a second administrator's approval in a network (its approval policy),
 * and the gate each switch command passes through. A person's switch that needs approval is
 * refused with `approval_required` (they ask for it instead, continuity-approvals.ts); the same
 * command runs once approved, unchanged. The operator's command line holds the database itself
 * and is not gated (decision 0123).
 */
import { errors } from '../../shared/errors.js';
import { getApprovalPolicy, type ApprovalMode } from '../../store/approvals.repository.js';
import type { Unit } from '../../store/unit-of-work.js';
import type { RunOptions } from './command.js';

/** The commands a policy can gate. */
export const SWITCH_COMMANDS = ['continuity.switch', 'continuity.turn_on_for_all', 'continuity.turn_off_for_all'] as const;
export type SwitchCommand = (typeof SWITCH_COMMANDS)[number];

export const needsApproval = (mode: ApprovalMode, command: string): boolean =>
  mode === 'every_switch'
    ? (SWITCH_COMMANDS as readonly string[]).includes(command)
    : mode === 'turn_on_for_all' && command === 'continuity.turn_on_for_all';

const WHAT: Record<SwitchCommand, string> = {
  'continuity.switch': "Switching a tenant's Call Continuity",
  'continuity.turn_on_for_all': 'Turn On For All',
  'continuity.turn_off_for_all': 'Turn Off For All',
};

/** Refuses a switch that needs approval and was not approved (409 approval_required). */
export async function passApprovalGate(unit: Unit, networkId: string, command: SwitchCommand, run: RunOptions): Promise<void> {
  if (run.approval !== undefined || unit.actor.source === 'cli') return;
  const { mode } = await getApprovalPolicy(unit.trx, networkId);
  if (!needsApproval(mode, command)) return;
  throw errors.conflict(
    'approval_required',
    'command',
    command,
    `${WHAT[command]} needs a second administrator's approval in this network: ask for approval, and another administrator approves it.`,
  );
}
