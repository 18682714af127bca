/**
 * C10 Turn On For All (with its preview: unsafe tenants left off unless included, C11) and Turn
 * Off For All; B5: where the network's policy wants a second administrator, the same dialog asks
 * for approval instead of switching.
 */
import { Alert, Button, Checkbox, Group, List, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { needsApproval, useApprovalPolicy, useAskApproval } from '../api/approvals';
import { api, unwrap } from '../api/client';
import { useTurnOffForAll, useTurnOnForAll } from '../api/continuity';
import { keys, useNetworkId } from '../api/queries';
import type { TurnOnPreview } from '../api/types';
import { Dialog } from './Dialog';
import { problemText } from './labels';
import { ErrorAlert, QueryState } from './QueryState';

export function TurnOnForAllDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const networkId = useNetworkId();
  const preview = useQuery({
    queryKey: keys.of(networkId, 'continuity', 'turn-on-preview'),
    queryFn: () => unwrap(api.GET('/api/networks/{networkId}/continuity/turn-on-for-all', { params: { path: { networkId } } })),
    enabled: opened,
  });
  const turnOn = useTurnOnForAll();
  const ask = useAskApproval();
  const policy = useApprovalPolicy().data;
  const asking = needsApproval(policy, 'continuity.turn_on_for_all');
  const [included, setIncluded] = useState<string[]>([]);
  const close = () => {
    setIncluded([]);
    turnOn.reset();
    ask.reset();
    onClose();
  };
  return (
    <Dialog opened={opened} onClose={close} title="Turn On For All" size="lg">
      <QueryState query={preview}>
        {(data: TurnOnPreview) => (
          <Stack>
            <Text>
              Call Continuity will be switched on for {data.willSwitchOn.length} tenant(s): their incoming calls will bypass standard
              routing.
              {data.alreadyOn.length > 0 && ` ${data.alreadyOn.length} already on.`}
            </Text>
            {data.willSwitchOn.length > 0 && (
              <List size="sm">
                {data.willSwitchOn.map((t) => (
                  <List.Item key={t.tenantId}>{t.tenantName}</List.Item>
                ))}
              </List>
            )}
            {data.unsafe.length > 0 && (
              <Alert color="orange" title="Left off unless you include them">
                <Stack gap="xs">
                  <Text size="sm">
                    Review these tenants: switching them on may disrupt calls. Contact your Customer Success Manager to remove tenants that
                    are not live in the contact center.
                  </Text>
                  {data.unsafe.map((t) => (
                    <Checkbox
                      key={t.tenantId}
                      label={`${t.tenantName}: ${t.problems.map(problemText).join('; ')}`}
                      disabled={!t.canSwitchOn}
                      checked={included.includes(t.tenantId)}
                      onChange={(e) =>
                        setIncluded(e.currentTarget.checked ? [...included, t.tenantId] : included.filter((id) => id !== t.tenantId))
                      }
                    />
                  ))}
                </Stack>
              </Alert>
            )}
            {asking && <ApprovalNote what="Turn On For All" expiryMinutes={policy!.expiryMinutes} />}
            {turnOn.isError && <ErrorAlert error={turnOn.error} title="Nothing was switched" />}
            {ask.isError && <ErrorAlert error={ask.error} title="Not asked" />}
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                Cancel
              </Button>
              {asking ? (
                <Button
                  color="orange"
                  loading={ask.isPending}
                  onClick={() =>
                    ask.mutate({ command: 'continuity.turn_on_for_all', input: { includeTenantIds: included } }, { onSuccess: close })
                  }
                >
                  Ask for approval
                </Button>
              ) : (
                <Button color="orange" loading={turnOn.isPending} onClick={() => turnOn.mutate(included, { onSuccess: close })}>
                  Turn On For All
                </Button>
              )}
            </Group>
          </Stack>
        )}
      </QueryState>
    </Dialog>
  );
}

export function TurnOffForAllDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const turnOff = useTurnOffForAll();
  const ask = useAskApproval();
  const policy = useApprovalPolicy().data;
  const asking = needsApproval(policy, 'continuity.turn_off_for_all');
  const close = () => {
    turnOff.reset();
    ask.reset();
    onClose();
  };
  return (
    <Dialog opened={opened} onClose={close} title="Turn Off For All">
      <Stack>
        <Text>
          Call Continuity will be switched off for every tenant: calls return to their standard contact center workflows. Place a test call
          to confirm normal routing is restored.
        </Text>
        {asking && <ApprovalNote what="Turn Off For All" expiryMinutes={policy!.expiryMinutes} />}
        {turnOff.isError && <ErrorAlert error={turnOff.error} title="Nothing was switched" />}
        {ask.isError && <ErrorAlert error={ask.error} title="Not asked" />}
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            Cancel
          </Button>
          {asking ? (
            <Button
              loading={ask.isPending}
              onClick={() => ask.mutate({ command: 'continuity.turn_off_for_all', input: {} }, { onSuccess: close })}
            >
              Ask for approval
            </Button>
          ) : (
            <Button loading={turnOff.isPending} onClick={() => turnOff.mutate(undefined, { onSuccess: close })}>
              Turn Off For All
            </Button>
          )}
        </Group>
      </Stack>
    </Dialog>
  );
}

/** B5: why the dialog asks rather than switches. */
function ApprovalNote({ what, expiryMinutes }: { what: string; expiryMinutes: number }) {
  return (
    <Alert color="blue" title="A second administrator must approve this">
      {what} needs another administrator&apos;s approval in this network. Your request, with what it would change, waits for them for{' '}
      {expiryMinutes} minutes; nothing changes until it is approved.
    </Alert>
  );
}
