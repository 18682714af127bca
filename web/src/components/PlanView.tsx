/** A decision, readable: where the call goes, what is recorded, where it is logged, and the rules that said so (R16). */
import { Badge, Group, List, Stack, Table, Text } from '@mantine/core';
import { ScrollTable } from './ScrollTable';
import { useNames } from '../api/queries';
import type { Plan, Route } from '../api/types';
import { formatNumber } from './labels';

/** Where a route sends the call, in words; `names` turns ids into names where known. */
export function describeRoute(route: Route | null, names: ReadonlyMap<string, string> = new Map()): string {
  const name = (id: string | undefined) => (id === undefined ? '' : (names.get(id) ?? id));
  if (route === null) return 'No route (not an inbound call)';
  switch (route.kind) {
    case 'continuity': {
      const destination = route.destination;
      const where =
        destination?.kind === 'voice_agent' ? `Voice Agent ${name(destination.voiceAgentId)}`.trim() : formatNumber(destination?.number);
      // B4: a drill call is marked as such wherever it shows.
      return `${route.drill === true ? 'Call Continuity drill' : 'Call Continuity'} → ${where}`;
    }
    case 'workflow': {
      const target = route.target;
      const where =
        target === undefined ? '' : name(target.queueId ?? target.employeeId ?? target.voiceAgentId) || formatNumber(target.number);
      return `Normal workflow → ${target?.kind.replace('_', ' ') ?? ''} ${where}`.trim();
    }
    case 'direct_line':
      return `Direct line of ${route.employeeId === undefined ? 'an employee' : name(route.employeeId)}`;
    case 'unknown_number':
      return 'Not a tracking number or direct line of this network';
  }
}

type Step = NonNullable<Route['destination']>;

/** B6: a step of a continuity call's chain, in words. */
export function describeStep(step: Step, names: ReadonlyMap<string, string> = new Map()): string {
  if (step.kind === 'message') return 'the recorded message';
  if (step.kind === 'voice_agent')
    return `Voice Agent ${step.voiceAgentId === undefined ? '' : (names.get(step.voiceAgentId) ?? step.voiceAgentId)}`.trim();
  return formatNumber(step.number);
}

/** B6: what a continuity call tries if its destination does not answer, in words; null for any other route. */
export function describeChain(route: Route | null, names: ReadonlyMap<string, string> = new Map()): string | null {
  if (route?.kind !== 'continuity' || route.next === undefined) return null;
  const seconds = route.noAnswerSeconds ?? 20;
  return `If it does not answer within ${seconds} seconds (or is busy): ${route.next.map((step) => describeStep(step, names)).join(', then ')}.`;
}

/** B7: the consent given for a call, in words: where the caller was, the rule, the announcement played. */
const RULE_WORDS: Record<string, string> = {
  all_party: 'every party must consent',
  one_party: "one party's consent",
  unknown: 'law unknown',
};
export function describeConsent(consent: {
  readonly jurisdiction: { readonly country: string | null; readonly region: string | null };
  readonly rule: string;
  readonly announcementRequired: boolean;
  readonly announcedAt: number | null;
}): string {
  const place = consent.jurisdiction.region ?? consent.jurisdiction.country ?? 'unknown place';
  const announced =
    consent.announcedAt !== null
      ? `announced, recording from ${consent.announcedAt}s`
      : consent.announcementRequired
        ? 'announcement required, none played'
        : 'no announcement required';
  return `${place} (${RULE_WORDS[consent.rule] ?? consent.rule}): ${announced}`;
}

/** B6: why each continuity destination was left, in words. */
const OUTCOMES: Record<string, string> = { busy: 'busy', no_answer: 'no answer', declined: 'declined', unreachable: 'unreachable' };
export function describeAttempts(
  attempts: readonly { destination: Step; outcome: string; status: number | null }[],
  names: ReadonlyMap<string, string> = new Map(),
): string {
  return attempts
    .map((a) => `${describeStep(a.destination, names)}: ${OUTCOMES[a.outcome] ?? a.outcome}${a.status === null ? '' : ` (${a.status})`}`)
    .join('; ');
}

/**
 * The rules that decided, in words. `codes`: shown beside each (administrators, the call log), or
 * behind a "Rule references" disclosure (agents: the words first, the codes for whoever asks).
 */
export function Reasons({ reasons, codes = 'shown' }: { reasons: readonly { rule: string; text: string }[]; codes?: 'shown' | 'behind' }) {
  return (
    <>
      <List size="sm" spacing={2}>
        {reasons.map((reason, index) => (
          <List.Item key={index}>
            {codes === 'shown' && (
              <Badge variant="light" size="sm" mr={6}>
                {reason.rule}
              </Badge>
            )}
            {reason.text}
          </List.Item>
        ))}
      </List>
      {codes === 'behind' && reasons.length > 0 && (
        <details data-testid="rule-references">
          <summary>
            <Text span size="xs" c="dimmed">
              Rule references
            </Text>
          </summary>
          <Text size="xs" c="dimmed">
            {reasons.map((reason) => reason.rule).join(' · ')}
          </Text>
        </details>
      )}
    </>
  );
}

export function PlanSummary({ plan }: { plan: Plan }) {
  const names = useNames();
  const recorded = plan.segments.length > 0;
  return (
    <Stack gap="xs" data-testid="plan-summary">
      <Text>
        <b>Goes to:</b> {describeRoute(plan.route, names)}
      </Text>
      {describeChain(plan.route, names) !== null && <Text data-testid="plan-chain">{describeChain(plan.route, names)}</Text>}
      <Text data-testid="plan-recorded">
        <b>Recorded:</b>{' '}
        {recorded ? `yes, ${plan.segments.map((s) => `${s.start}s–${s.end === null ? 'now' : `${s.end}s`}`).join(', ')}` : 'no'}
      </Text>
      {plan.consent !== null && recorded && (
        <Text data-testid="plan-consent">
          <b>Consent:</b> {plan.consent.announcementRequired ? 'announced before recording starts. ' : 'no announcement required by law. '}
          {plan.consent.reason.text}
        </Text>
      )}
      {plan.exclusion !== null && (
        <Text>
          <b>Exclusion list:</b> {plan.exclusion.party} {formatNumber(plan.exclusion.number)} ({plan.exclusion.match.replace('_', ' ')})
        </Text>
      )}
      <Text>
        <b>Logged in:</b>{' '}
        {plan.loggedIn.length === 0 ? 'nowhere (internal call)' : plan.loggedIn.map((s) => s.replace('_', ' ')).join(' and ')}
        {plan.syncsToCore ? '; the recording syncs to the core' : ''}
      </Text>
      {plan.warnings.length > 0 && <Reasons reasons={plan.warnings} />}
      <Group gap={4}>
        <Text fw={600} size="sm">
          Why
        </Text>
      </Group>
      <Reasons reasons={[...(plan.route?.reasons ?? []), ...plan.reasons]} />
      {plan.moments.length > 1 && (
        <ScrollTable label="Timeline">
          <Table withTableBorder fz="sm" aria-label="Timeline">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>At</Table.Th>
                <Table.Th>Event</Table.Th>
                <Table.Th>Recording</Table.Th>
                <Table.Th>Agent may</Table.Th>
                <Table.Th>Why</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {plan.moments.map((m, i) => (
                <Table.Tr key={i}>
                  <Table.Td>{m.at}s</Table.Td>
                  <Table.Td>{m.event}</Table.Td>
                  <Table.Td>{m.recording}</Table.Td>
                  <Table.Td>{m.agentMay}</Table.Td>
                  <Table.Td>
                    {m.why.rule}: {m.why.text}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      )}
    </Stack>
  );
}
