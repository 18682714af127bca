/**
 * B5 from the operator's command line: `continuity approvals`, `continuity approve`,
 * `continuity refuse` and `continuity approval-policy`. The same commands as the API's, run as the
 * command line (audited as such): the operator is never the person who asked, so may approve.
 */
import { networkIdOf } from '../../app/admin.js';
import { approveRequest } from '../../app/approvals.js';
import type { By } from '../../app/commands/command.js';
import { closeApprovalRequest, setContinuityApprovalPolicy } from '../../app/commands/continuity-approvals.js';
import { approvalInWords, approvalPolicy, networkApprovals, type Approval } from '../../app/queries/continuity.queries.js';
import type { Application } from '../../app/application.js';
import type { ParsedArgs } from './args.js';
import { withApp } from './admin.commands.js';
import { UsageError } from './usage-error.js';

const CLI = { kind: 'system', name: 'command line' } as const satisfies By;
const MODES = ['none', 'turn_on_for_all', 'every_switch'] as const;

function network(args: ParsedArgs): string {
  const value = args.value('network');
  if (value === undefined || value.trim() === '') throw new UsageError('--network is required');
  return value.trim();
}

const statusOf = (a: Approval, now = Date.now()): string =>
  a.status === 'pending' && Date.parse(a.expiresAt) <= now ? 'expired' : a.status;

/** `continuity approvals --network ID`: every pending request, then the latest closed. */
export async function approvalsCommand(args: ParsedArgs): Promise<string> {
  return withApp(async (app) => {
    const approvals = await networkApprovals(app, await networkIdOf(app, network(args)));
    if (approvals.length === 0) return 'No approval requests.';
    return approvals
      .map(
        (a) =>
          `${a.id}  ${statusOf(a).padEnd(9)}  ${approvalInWords(a)}  (asked by ${a.requestedBy.name} at ${a.requestedAt}` +
          (a.status === 'pending' ? `, expires ${a.expiresAt})` : `; ${a.status} by ${a.decidedBy?.name ?? '?'} at ${a.decidedAt ?? '?'})`),
      )
      .join('\n');
  });
}

async function pendingRequest(app: Application, networkId: string, id: string | undefined): Promise<Approval> {
  if (id === undefined) throw new UsageError('give the request id (from continuity approvals)');
  const found = (await networkApprovals(app, networkId)).find((a) => a.id === id);
  if (found === undefined) throw new UsageError(`no approval request ${JSON.stringify(id)} in network ${networkId}`);
  return found;
}

/** `continuity approve --network ID REQUEST_ID`: the switch runs as asked, if nothing it depends on changed. */
export async function approveCommand(args: ParsedArgs): Promise<string> {
  const [id, ...extra] = args.positional;
  if (extra.length > 0) throw new UsageError('usage: switchboard continuity approve --network ID REQUEST_ID');
  return withApp(async (app) => {
    const networkId = await networkIdOf(app, network(args));
    const request = await pendingRequest(app, networkId, id);
    await approveRequest(app, networkId, CLI, {
      approvalId: request.id,
      tenantId: request.tenantId,
      expectedVersion: request.version,
      decidedAt: new Date().toISOString(),
    });
    return `Approved ${request.id}: ${approvalInWords(request)} (asked by ${request.requestedBy.name}).`;
  });
}

/** `continuity refuse --network ID REQUEST_ID [--reason TEXT]` */
export async function refuseCommand(args: ParsedArgs): Promise<string> {
  const [id, ...extra] = args.positional;
  if (extra.length > 0) throw new UsageError('usage: switchboard continuity refuse --network ID REQUEST_ID [--reason TEXT]');
  const reason = args.value('reason');
  return withApp(async (app) => {
    const networkId = await networkIdOf(app, network(args));
    const request = await pendingRequest(app, networkId, id);
    await app.commands.run(closeApprovalRequest, networkId, CLI, {
      approvalId: request.id,
      tenantId: request.tenantId,
      expectedVersion: request.version,
      decision: 'refuse',
      ...(reason === undefined ? {} : { reason }),
      decidedAt: new Date().toISOString(),
    });
    return `Refused ${request.id}: ${approvalInWords(request)} (asked by ${request.requestedBy.name}).`;
  });
}

/** `continuity approval-policy --network ID [--mode MODE] [--expiry-minutes N]`: shows it, or sets it. */
export async function approvalPolicyCommand(args: ParsedArgs): Promise<string> {
  const mode = args.value('mode');
  const expiry = args.value('expiry-minutes');
  if (mode !== undefined && !(MODES as readonly string[]).includes(mode))
    throw new UsageError(`--mode ${JSON.stringify(mode)}: one of ${MODES.join(', ')}`);
  if (expiry !== undefined && !/^\d+$/.test(expiry))
    throw new UsageError(`--expiry-minutes ${JSON.stringify(expiry)}: a whole number of minutes`);
  return withApp(async (app) => {
    const networkId = await networkIdOf(app, network(args));
    let policy = await approvalPolicy(app, networkId);
    if (mode !== undefined || expiry !== undefined)
      policy = await app.commands.run(setContinuityApprovalPolicy, networkId, CLI, {
        mode: (mode ?? policy.mode) as (typeof MODES)[number],
        expiryMinutes: expiry === undefined ? policy.expiryMinutes : Number(expiry),
      });
    const what =
      policy.mode === 'none'
        ? 'no switch needs a second approver'
        : policy.mode === 'turn_on_for_all'
          ? 'Turn On For All needs a second administrator’s approval'
          : 'every Call Continuity switch needs a second administrator’s approval';
    return `${what}; a request expires after ${policy.expiryMinutes} minutes.`;
  });
}
