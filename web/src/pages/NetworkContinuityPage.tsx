/**
 * Network › Call Continuity (C8, C10, C11): every tenant's continuity at a glance, switched one by
 * one or all at once. Turn On For All leaves unsafe tenants off unless the administrator includes them.
 */
import { Alert, Anchor, Button, Group, List, Stack, Switch, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { ScrollTable } from '../components/ScrollTable';
import { Dialog } from '../components/Dialog';
import { useState } from 'react';
import { ApiError } from '../api/client';
import { useSchedules, useSwitchTenant } from '../api/continuity';
import { needsApproval, useApprovalPolicy, type RequestedSwitch } from '../api/approvals';
import { ApprovalPolicySetting, ApprovalRequests, AskApprovalDialog } from '../components/ContinuityApprovals';
import { TurnOffForAllDialog, TurnOnForAllDialog } from '../components/SwitchAllDialogs';
import { BROWSER_TIME_ZONE, remaining, ScheduleDialog, ScheduledList, useNow } from '../components/ContinuitySchedules';
import { useContinuityStatus, useTrackingNumbers } from '../api/queries';
import { useSession } from '../api/session';
import type { ContinuityStatus } from '../api/types';
import { ContinuityBadge } from '../components/ContinuityBadge';
import { formatNumber, problemText } from '../components/labels';
import { EmptyState, QueryState } from '../components/QueryState';
import { TestCallPanel } from './tenant/TestCallPanel';

export function NetworkContinuityPage() {
  const status = useContinuityStatus();
  const me = useSession().data!;
  const switchTenant = useSwitchTenant();
  const [notLive, setNotLive] = useState<{ tenantId: string; tenantName: string } | null>(null);
  const [dialog, setDialog] = useState<'on' | 'off' | null>(null);
  // B1: whose schedule dialog is open (null: for all tenants), or none.
  const [scheduling, setScheduling] = useState<{ tenantId: string | null; label: string; timeZone: string } | null>(null);
  const schedules = useSchedules().data?.schedules ?? [];
  const canSwitchAll = me.abilities.network.switchContinuityForAll;
  const now = useNow();
  // B5: a switch that needs a second administrator is asked for, not made.
  const policy = useApprovalPolicy().data;
  const [asking, setAsking] = useState<{ requested: RequestedSwitch; what: string } | null>(null);
  const switchOrAsk = (tenantId: string, tenantName: string, enabled: boolean) => {
    if (needsApproval(policy, 'continuity.switch'))
      setAsking({
        requested: { command: 'continuity.switch', input: { tenantId, enabled } },
        what: `Switching Call Continuity ${enabled ? 'on' : 'off'} for ${tenantName}`,
      });
    else switchTenant.mutate({ tenantId, enabled });
  };

  return (
    <Stack>
      <Group justify="space-between">
        <Group>
          <Title order={2}>Call Continuity</Title>
          {status.data !== undefined && <ContinuityBadge badge={status.data.badge} />}
        </Group>
        {canSwitchAll && (
          <Group>
            <Button color="orange" onClick={() => setDialog('on')}>
              Turn On For All
            </Button>
            <Button variant="default" onClick={() => setDialog('off')}>
              Turn Off For All
            </Button>
            <Button variant="subtle" onClick={() => setScheduling({ tenantId: null, label: 'all tenants', timeZone: BROWSER_TIME_ZONE })}>
              Schedule For All
            </Button>
          </Group>
        )}
      </Group>
      <ScheduledList
        schedules={schedules.filter((s) => s.tenantId === null)}
        label="all tenants"
        canChange={canSwitchAll}
        timeZone={BROWSER_TIME_ZONE}
      />
      <ApprovalRequests />
      <Text c="dimmed" size="sm">
        Call Continuity is a backup route for a service disruption: while it is on, a tenant&apos;s incoming calls bypass the standard
        workflows and go to its Call Continuity destination.
      </Text>
      {switchTenant.isError && <SwitchRefusal error={switchTenant.error} />}
      <QueryState query={status}>
        {(data) =>
          data.tenants.length === 0 ? (
            <EmptyState>No tenants in this network yet.</EmptyState>
          ) : (
            <ScrollTable label="Call Continuity Status">
              <Table striped highlightOnHover aria-label="Call Continuity Status">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Tenant Name</Table.Th>
                    <Table.Th>Default Call Continuity Number</Table.Th>
                    <Table.Th>Exceptions</Table.Th>
                    <Table.Th>Call Continuity Status</Table.Th>
                    <Table.Th>
                      <VisuallyHidden>Settings</VisuallyHidden>
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.tenants.map((tenant) => (
                    <Table.Tr key={tenant.tenantId} data-testid={`tenant-row-${tenant.tenantId}`}>
                      <Table.Td>
                        {tenant.tenantName}
                        {!tenant.safe && (
                          <Text size="xs" c="red.9" id={`problems-${tenant.tenantId}`}>
                            {tenant.problems.map(problemText).join('; ')}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        {tenant.defaultDestination?.kind === 'external_number'
                          ? formatNumber(tenant.defaultDestination.number)
                          : tenant.defaultDestinationLabel}
                      </Table.Td>
                      <Table.Td>{tenant.exceptions}</Table.Td>
                      <Table.Td>
                        <Switch
                          checked={tenant.enabled}
                          label={tenant.enabled ? 'On' : 'Off'}
                          aria-label={`Call Continuity for ${tenant.tenantName}`}
                          // C9: a switch that would be refused is not offered; the row says why (its problems).
                          disabled={
                            me.abilities.tenants[tenant.tenantId]?.switchContinuity !== true || (!tenant.enabled && !tenant.canSwitchOn)
                          }
                          aria-describedby={tenant.safe ? undefined : `problems-${tenant.tenantId}`}
                          onChange={() => {
                            // What the person asked is the opposite of what the tenant is (the input's own state may lag
                            // behind a switch that was not made: a cancelled confirmation).
                            const enabled = !tenant.enabled;
                            // A tenant not live in the contact center: asked before, not after.
                            if (enabled && !tenant.contactCenterActive)
                              setNotLive({ tenantId: tenant.tenantId, tenantName: tenant.tenantName });
                            else switchOrAsk(tenant.tenantId, tenant.tenantName, enabled);
                          }}
                        />
                        {tenant.drill !== null && Date.parse(tenant.drill.endsAt) > now && (
                          <Text size="xs" c="blue.9" data-testid={`drill-${tenant.tenantId}`}>
                            Drill: test callers only ({tenant.drill.callers.map(formatNumber).join(', ')}), ends{' '}
                            {remaining(tenant.drill.endsAt, now)}
                          </Text>
                        )}
                        <ScheduledList
                          schedules={schedules.filter((s) => s.tenantId === tenant.tenantId)}
                          label={tenant.tenantName}
                          timeZone={tenant.timeZone}
                          canChange={me.abilities.tenants[tenant.tenantId]?.switchContinuity === true}
                        />
                        {me.abilities.tenants[tenant.tenantId]?.switchContinuity === true && (
                          <Anchor
                            component="button"
                            type="button"
                            size="xs"
                            onClick={() =>
                              setScheduling({ tenantId: tenant.tenantId, label: tenant.tenantName, timeZone: tenant.timeZone })
                            }
                            aria-label={`Schedule Call Continuity for ${tenant.tenantName}`}
                          >
                            Schedule…
                          </Anchor>
                        )}
                      </Table.Td>
                      <Table.Td>
                        <Anchor href={tenant.settingsPath} target="_blank" rel="noopener">
                          Update Settings
                        </Anchor>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollTable>
          )
        }
      </QueryState>
      <ScheduleDialog
        opened={scheduling !== null}
        onClose={() => setScheduling(null)}
        tenantId={scheduling?.tenantId ?? null}
        label={scheduling?.label ?? ''}
        timeZone={scheduling?.timeZone ?? BROWSER_TIME_ZONE}
      />
      <AskApprovalDialog requested={asking?.requested ?? null} what={asking?.what ?? ''} onClose={() => setAsking(null)} />
      {canSwitchAll && <ApprovalPolicySetting />}
      <NetworkTestCall tenants={status.data?.tenants ?? []} />
      <Dialog opened={notLive !== null} onClose={() => setNotLive(null)} title={`Switch on ${notLive?.tenantName ?? ''}?`}>
        <Stack>
          <Text>
            {notLive?.tenantName} is not live in the contact center: its calls may not be set up to reach the Call Continuity destination as
            expected. Switch Call Continuity on anyway?
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setNotLive(null)}>
              Cancel
            </Button>
            <Button
              color="orange"
              onClick={() => {
                switchOrAsk(notLive!.tenantId, notLive!.tenantName, true);
                setNotLive(null);
              }}
            >
              Switch on anyway
            </Button>
          </Group>
        </Stack>
      </Dialog>
      <TurnOnForAllDialog opened={dialog === 'on'} onClose={() => setDialog(null)} />
      <TurnOffForAllDialog opened={dialog === 'off'} onClose={() => setDialog(null)} />
    </Stack>
  );
}

/** C9: why a tenant could not be switched on, with the numbers that have nowhere to go. */
function SwitchRefusal({ error }: { error: Error }) {
  const numbers =
    error instanceof ApiError && Array.isArray(error.details.numbersWithoutDestination)
      ? (error.details.numbersWithoutDestination as string[])
      : [];
  return (
    <Alert color="red" role="alert" title="Call Continuity was not switched on" data-testid="switch-refusal">
      {error.message}
      {numbers.length > 0 && (
        <List size="sm" mt="xs">
          {numbers.map((n) => (
            <List.Item key={n}>{formatNumber(n)}</List.Item>
          ))}
        </List>
      )}
    </Alert>
  );
}

/** C16 from the network's screen: a test call to any tracking number of a tenant the person may test, named by tenant. */
function NetworkTestCall({ tenants }: { tenants: ContinuityStatus['tenants'] }) {
  const me = useSession().data!;
  const numbers = useTrackingNumbers();
  const names = new Map(tenants.map((t) => [t.tenantId, t.tenantName]));
  const testable = (numbers.data?.trackingNumbers ?? [])
    .filter((n) => me.abilities.tenants[n.tenantId]?.testCall === true && names.has(n.tenantId))
    .map((n) => ({ number: n.number, label: `${names.get(n.tenantId)} · ${formatNumber(n.number)}` }))
    .sort((a, b) => a.label.localeCompare(b.label));
  if (testable.length === 0) return null;
  return <TestCallPanel id="network" numbers={testable} />;
}
