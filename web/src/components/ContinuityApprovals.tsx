/**
 * B5 on screen: which switches need a second administrator (the network's policy, set by its
 * administrators), the requests waiting for one (who asked, what would change, the time left)
 * with Approve and Refuse for the others and Withdraw for the one who asked, and the dialog that
 * asks for a switch that needs approval.
 */
import { Badge, Button, Group, List, NumberInput, Paper, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import {
  useApprovalPolicy,
  useApprovals,
  useAskApproval,
  useDecideApproval,
  useSetApprovalPolicy,
  type ApprovalPolicy,
  type ApprovalRequest,
  type RequestedSwitch,
} from '../api/approvals';
import { useSession } from '../api/session';
import { remaining, useNow } from './ContinuitySchedules';
import { Dialog } from './Dialog';
import { ErrorAlert, fieldError } from './QueryState';
import { SavedNote } from './SavedNote';

const MODES: { value: ApprovalPolicy['mode']; label: string }[] = [
  { value: 'none', label: 'No approval needed' },
  { value: 'turn_on_for_all', label: 'Turn On For All needs a second administrator' },
  { value: 'every_switch', label: 'Every switch needs a second administrator' },
];

/** The network's policy: which switches need a second administrator, and how long a request waits. */
export function ApprovalPolicySetting() {
  const policy = useApprovalPolicy();
  const save = useSetApprovalPolicy();
  const [draft, setDraft] = useState<ApprovalPolicy | null>(null);
  const shown = draft ?? policy.data;
  if (shown === undefined) return null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(shown, { onSuccess: () => setDraft(null) });
  };
  return (
    <Paper withBorder p="md" component="form" onSubmit={submit}>
      <Stack gap="xs">
        <Title order={3} size="h5">
          Second approver
        </Title>
        <Group align="flex-end">
          <Select
            label="Switches that need another administrator's approval"
            data={MODES}
            value={shown.mode}
            allowDeselect={false}
            onChange={(mode) => mode !== null && setDraft({ ...shown, mode: mode as ApprovalPolicy['mode'] })}
            error={fieldError(save.error, 'mode')}
            w={{ base: '100%', sm: 380 }}
          />
          <NumberInput
            label="A request expires after (minutes)"
            min={5}
            max={1440}
            value={shown.expiryMinutes}
            onChange={(value) => setDraft({ ...shown, expiryMinutes: typeof value === 'number' ? value : Number(value) })}
            error={fieldError(save.error, 'expiryMinutes')}
            w={{ base: '100%', sm: 220 }}
          />
          <Button type="submit" variant="light" loading={save.isPending} disabled={draft === null}>
            Save
          </Button>
          <SavedNote shown={save.isSuccess && draft === null} />
        </Group>
      </Stack>
    </Paper>
  );
}

const STATUS: Record<ApprovalRequest['status'], { label: string; color: string }> = {
  pending: { label: 'Waiting for approval', color: 'orange' },
  expired: { label: 'Expired', color: 'gray' },
  approved: { label: 'Approved', color: 'green' },
  refused: { label: 'Refused', color: 'red' },
  withdrawn: { label: 'Withdrawn', color: 'gray' },
  stale: { label: 'Out of date: ask again', color: 'gray' },
};

/** The requests the person may see (of one tenant, or of the whole network), pending first; the latest few closed below. */
export function ApprovalRequests({ tenantId }: { tenantId?: string }) {
  const approvals = useApprovals().data?.approvals ?? [];
  const now = useNow();
  const mine = approvals.filter((a) => tenantId === undefined || a.tenantId === tenantId);
  const open = mine.filter((a) => a.status === 'pending' && Date.parse(a.expiresAt) > now);
  const closed = mine.filter((a) => !open.includes(a)).slice(0, 3);
  if (mine.length === 0) return null;
  return (
    <Stack gap="xs" aria-label="Approval requests" component="section">
      <Title order={3} size="h5">
        Approval requests
      </Title>
      {open.length === 0 && (
        <Text size="sm" c="dimmed">
          Nothing is waiting for approval.
        </Text>
      )}
      {[...open, ...closed].map((request) => (
        <RequestCard key={request.id} request={request} now={now} />
      ))}
    </Stack>
  );
}

function RequestCard({ request, now }: { request: ApprovalRequest; now: number }) {
  const me = useSession().data!;
  const decide = useDecideApproval();
  const [refusing, setRefusing] = useState(false);
  const [reason, setReason] = useState('');
  const open = request.status === 'pending' && Date.parse(request.expiresAt) > now;
  const status = STATUS[open || request.status !== 'pending' ? request.status : 'expired'];
  const mayDecide =
    request.tenantId === null
      ? me.abilities.network.switchContinuityForAll
      : me.abilities.tenants[request.tenantId]?.switchContinuity === true;
  const { preview } = request;
  return (
    <Paper withBorder p="sm" data-testid={`approval-${request.id}`}>
      <Stack gap={6}>
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Text fw={600}>{request.summary}</Text>
          <Badge color={status.color} variant="light">
            {status.label}
          </Badge>
        </Group>
        <Text size="sm" c="dimmed">
          Asked by {request.yours ? 'you' : request.requestedBy}
          {open && ` · expires ${remaining(request.expiresAt, now)}`}
          {request.decidedBy !== null && request.status !== 'pending' && ` · ${status.label.toLowerCase()} by ${request.decidedBy}`}
          {request.reason !== null && `: “${request.reason}”`}
        </Text>
        {open && preview.switchOn.length + preview.switchOff.length > 1 && (
          <List size="sm">
            {preview.switchOn.map((t) => (
              <List.Item key={t.tenantId}>{t.tenantName}: on</List.Item>
            ))}
            {preview.switchOff.map((t) => (
              <List.Item key={t.tenantId}>{t.tenantName}: off</List.Item>
            ))}
          </List>
        )}
        {open && preview.leftOff.length > 0 && (
          <Text size="sm">Left off (not safe to switch on): {preview.leftOff.map((t) => t.tenantName).join(', ')}</Text>
        )}
        {decide.isError && <ErrorAlert error={decide.error} title="Nothing was switched" />}
        {open && request.yours && (
          <Group>
            <Text size="sm">Another administrator must approve your request.</Text>
            <Button size="xs" variant="default" loading={decide.isPending} onClick={() => decide.mutate({ request, decision: 'withdraw' })}>
              Withdraw
            </Button>
          </Group>
        )}
        {open && !request.yours && mayDecide && !refusing && (
          <Group>
            <Button size="xs" color="orange" loading={decide.isPending} onClick={() => decide.mutate({ request, decision: 'approve' })}>
              Approve
            </Button>
            <Button size="xs" variant="default" onClick={() => setRefusing(true)}>
              Refuse…
            </Button>
          </Group>
        )}
        {open && refusing && (
          <Group align="flex-end">
            <TextInput label="Reason (optional)" value={reason} onChange={(e) => setReason(e.currentTarget.value)} maxLength={500} />
            <Button size="xs" color="red" loading={decide.isPending} onClick={() => decide.mutate({ request, decision: 'refuse', reason })}>
              Refuse request
            </Button>
            <Button size="xs" variant="subtle" onClick={() => setRefusing(false)}>
              Cancel
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}

/** Asks for a switch that needs a second administrator; `requested` null: closed. */
export function AskApprovalDialog({
  requested,
  what,
  onClose,
}: {
  requested: RequestedSwitch | null;
  /** The switch in words ("Switch Call Continuity on for Sunrise Plumbing"). */
  what: string;
  onClose: () => void;
}) {
  const ask = useAskApproval();
  const policy = useApprovalPolicy().data;
  const close = () => {
    ask.reset();
    onClose();
  };
  return (
    <Dialog opened={requested !== null} onClose={close} title="Ask for approval">
      <Stack>
        <Text>
          {what} needs a second administrator&apos;s approval in this network. Your request waits until another administrator approves it
          {policy !== undefined && ` (it expires after ${policy.expiryMinutes} minutes)`}; nothing changes until then.
        </Text>
        {ask.isError && <ErrorAlert error={ask.error} title="Not asked" />}
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            Cancel
          </Button>
          <Button color="orange" loading={ask.isPending} onClick={() => ask.mutate(requested!, { onSuccess: close })}>
            Ask for approval
          </Button>
        </Group>
      </Stack>
    </Dialog>
  );
}
