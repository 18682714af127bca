/** Renders a test call's result as text a person reads top to bottom (`--explain`). */
import type { Call } from './call.js';
import type { RouteDecision } from './decide-route.js';
import type { Reason } from './rules.js';
import type { TestCallResult } from './test-call.js';

export function explainTestCall(result: TestCallResult): string {
  const { plan } = result;
  const lines: string[] = [];
  if (result.name !== null) lines.push(`Test call: ${result.name}`);
  lines.push(`Network: ${result.network.name} (${result.network.id}, settings version ${result.network.version})`);
  lines.push(`Call: ${describeCall(result.call)}`);
  if (plan.route !== null) {
    lines.push(`Route: ${describeRoute(plan.route)}`);
    lines.push(...plan.route.reasons.map(reasonLine));
  }
  const linked = plan.linkedTenantId === null ? 'not linked to a tenant' : `linked to tenant ${plan.linkedTenantId}`;
  lines.push(`Rule set: ${plan.ruleSet.replace('_', ' ')} (L1), ${linked} (L6)`);
  if (plan.exclusion !== null)
    lines.push(`Exclusion list: ${plan.exclusion.party} ${plan.exclusion.number} matches by ${plan.exclusion.match.replace('_', ' ')}`);
  lines.push('Timeline:');
  for (const m of plan.moments) {
    const prompt = m.announcement === 'prompt_agent' ? '  [tooltip: announcing the recording may be legally required]' : '';
    lines.push(
      `  ${pad(`${m.at}s`, 6)}${pad(m.event, 24)}${pad(m.recording, 8)}agent may ${pad(m.agentMay, 8)}${m.why.rule}: ${m.why.text}${prompt}`,
    );
  }
  const total = plan.segments.reduce((sum, s) => sum + ((s.end ?? s.start) - s.start), 0);
  const segments = plan.segments.map((s) => `${s.start}s-${s.end === null ? '(recording)' : `${s.end}s`}`).join(', ');
  lines.push(`Recorded: ${plan.segments.length === 0 ? 'no' : `${segments} (${total} s)`}`);
  if (plan.consent !== null && plan.segments.length > 0)
    lines.push(
      `Consent: ${plan.consent.announcementRequired ? 'announced before recording starts' : 'no announcement required'} - B7: ${plan.consent.reason.text}`,
    );
  for (const r of plan.rejected) lines.push(`Rejected: agent ${r.action} at ${r.at}s - ${r.rule}: ${r.reason}`);
  lines.push(
    `Logged in: ${plan.loggedIn.length === 0 ? 'nowhere' : plan.loggedIn.join(' and ').replace('contact_center', 'contact center')} (L5); syncs to core: ${plan.syncsToCore ? 'yes' : 'no'} (L3)`,
  );
  for (const w of plan.warnings) lines.push(`Warning: ${w.rule}: ${w.text}`);
  lines.push('Reasons:');
  lines.push(...plan.reasons.map(reasonLine));
  return lines.join('\n');
}

function describeCall(call: Call): string {
  switch (call.direction) {
    case 'inbound':
      return `inbound from ${call.from} to ${call.to}`;
    case 'outbound':
      return `outbound by ${call.employeeId} to ${call.to} via ${call.via.replaceAll('_', ' ')}${call.tenantId === undefined ? '' : ` for tenant ${call.tenantId}`}`;
    case 'internal':
      return `internal from ${call.fromEmployeeId} to ${call.toEmployeeId}`;
  }
}

function describeRoute(route: RouteDecision): string {
  switch (route.kind) {
    case 'workflow': {
      const t = route.target;
      const target =
        t.kind === 'queue'
          ? `queue ${t.queueId}`
          : t.kind === 'employee'
            ? `employee ${t.employeeId}`
            : t.kind === 'voice_agent'
              ? `voice agent ${t.voiceAgentId}`
              : `external number ${t.number}`;
      return `normal workflow -> ${target}${route.continuityFallback ? ' (continuity is on but has no valid destination)' : ''}`;
    }
    case 'continuity': {
      const d = route.destination;
      const sources = { exception: 'exception', default: 'tenant default', chain: 'chain' } as const;
      const first = d.kind === 'voice_agent' ? `voice agent ${d.voiceAgentId}` : `${d.number} (${sources[d.source]})`;
      // B6: what follows when it does not answer, the message last.
      const next = route.next.map((step) =>
        step.kind === 'message' ? 'the recorded message' : step.kind === 'voice_agent' ? `voice agent ${step.voiceAgentId}` : step.number,
      );
      return `Call Continuity -> ${first}; if no answer within ${route.noAnswerSeconds} s: ${next.join(', then ')}`;
    }
    case 'direct_line':
      return `direct line of employee ${route.employeeId}`;
    case 'unknown_number':
      return `${route.number} is not a number of this network`;
  }
}

const reasonLine = (r: Reason) => `  ${pad(r.rule, 5)}${r.text}`;
const pad = (text: string, width: number) => text.padEnd(width);
