/**
 * API tokens (hardening item 8, B8): network administrators make tokens for the network's users
 * (shown once), see when each was last used, and revoke them. A token for an integration can be
 * limited to pausing and resuming live recordings (scope recording_pause).
 */
import { Badge, Button, Checkbox, Code, Group, NumberInput, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, unwrap } from '../api/client';
import { keys, useNetworkId, useWrite } from '../api/queries';
import type { ApiToken } from '../api/types';
import { EmptyState, ErrorAlert, fieldError, formError, QueryState } from '../components/QueryState';
import { ScrollTable } from '../components/ScrollTable';
import { ShownOnce } from '../components/ShownOnce';

export function ApiTokensPage() {
  const networkId = useNetworkId();
  const list = useQuery({
    queryKey: keys.of(networkId, 'tokens'),
    queryFn: () => unwrap(api.GET('/api/networks/{networkId}/tokens', { params: { path: { networkId } } })),
  });
  return (
    <Stack maw={1100}>
      <Title order={2}>API tokens</Title>
      <Text c="dimmed" size="sm">
        A token signs in to the API as its user (send it as <Code>Authorization: Bearer …</Code>), with that user&apos;s permissions. A
        token for an integration can be limited to pausing and resuming live recordings. Making and revoking tokens is recorded in the audit
        log.
      </Text>
      <NewTokenForm />
      <QueryState query={list}>
        {(data) =>
          data.tokens.length === 0 ? (
            <EmptyState>No API tokens.</EmptyState>
          ) : (
            <ScrollTable label="API tokens, scrolls sideways">
              <Table aria-label="API tokens" verticalSpacing="xs">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Name</Table.Th>
                    <Table.Th>Signs in as</Table.Th>
                    <Table.Th>May</Table.Th>
                    <Table.Th>Last used</Table.Th>
                    <Table.Th>Expires</Table.Th>
                    <Table.Th />
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.tokens.map((token) => (
                    <TokenRow key={token.id} token={token} />
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollTable>
          )
        }
      </QueryState>
    </Stack>
  );
}

function TokenRow({ token }: { token: ApiToken }) {
  const [confirming, setConfirming] = useState(false);
  const revoke = useWrite((networkId, _: null) =>
    unwrap(api.DELETE('/api/networks/{networkId}/tokens/{tokenId}', { params: { path: { networkId, tokenId: token.id } } })),
  );
  return (
    <Table.Tr data-testid={`token-${token.id}`}>
      <Table.Td>{token.name}</Table.Td>
      <Table.Td>
        {token.user.name}
        <Text size="xs" c="dimmed">
          {token.user.email}
        </Text>
      </Table.Td>
      <Table.Td>
        {token.scope === 'recording_pause' ? (
          <Badge variant="light">Pause and resume recordings only</Badge>
        ) : (
          <Text size="sm">What its user may</Text>
        )}
      </Table.Td>
      <Table.Td>{token.lastUsedAt === null ? 'Never' : new Date(token.lastUsedAt).toLocaleString()}</Table.Td>
      <Table.Td>
        {token.expired ? (
          <Badge color="gray" variant="light">
            Expired
          </Badge>
        ) : token.expiresAt === null ? (
          'Never'
        ) : (
          new Date(token.expiresAt).toLocaleDateString()
        )}
      </Table.Td>
      <Table.Td>
        {confirming ? (
          <Group gap={4} wrap="nowrap">
            <Button size="compact-xs" color="red" loading={revoke.isPending} onClick={() => revoke.mutate(null)}>
              Revoke
            </Button>
            <Button size="compact-xs" variant="subtle" onClick={() => setConfirming(false)}>
              Keep
            </Button>
          </Group>
        ) : (
          <Button size="compact-xs" variant="subtle" color="red" onClick={() => setConfirming(true)} aria-label={`Revoke ${token.name}`}>
            Revoke…
          </Button>
        )}
        {revoke.isError && <ErrorAlert error={revoke.error} title="Not revoked" />}
      </Table.Td>
    </Table.Tr>
  );
}

function NewTokenForm() {
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [days, setDays] = useState<number | string>('');
  const [pauseOnly, setPauseOnly] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  const create = useWrite(
    (networkId, body: { name: string; email?: string; expiresInDays: number | null; scope: 'recording_pause' | null }) =>
      unwrap(api.POST('/api/networks/{networkId}/tokens', { params: { path: { networkId } }, body })),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSecret(null);
    create.mutate(
      {
        name,
        ...(email.trim() === '' ? {} : { email: email.trim() }),
        expiresInDays: typeof days === 'number' ? days : null,
        scope: pauseOnly ? 'recording_pause' : null,
      },
      {
        onSuccess: (made) => {
          setSecret(made.token);
          setName('');
          setEmail('');
          setDays('');
          setPauseOnly(false);
        },
      },
    );
  };
  return (
    <Paper withBorder p="md" component="form" onSubmit={submit} aria-labelledby="new-token-title">
      <Stack>
        <Title order={4} id="new-token-title">
          Make a token
        </Title>
        <Group align="flex-start" wrap="wrap">
          <TextInput
            label="Name"
            placeholder="Payment IVR"
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={fieldError(create.error, 'name')}
            w={{ base: '100%', sm: 240 }}
          />
          <TextInput
            label="Signs in as (email)"
            placeholder="You, when empty"
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
            error={fieldError(create.error, 'body.email') ?? fieldError(create.error, 'email')}
            w={{ base: '100%', sm: 280 }}
          />
          <NumberInput
            label="Expires after (days)"
            placeholder="Never"
            min={1}
            max={3650}
            value={days}
            onChange={setDays}
            error={fieldError(create.error, 'expiresInDays')}
            w={{ base: '100%', sm: 180 }}
          />
        </Group>
        <Checkbox
          label="Only pause and resume live recordings (an integration: a payment IVR, a CRM)"
          checked={pauseOnly}
          onChange={(e) => setPauseOnly(e.currentTarget.checked)}
        />
        {formError(create.error, ['name', 'email', 'body.email', 'expiresInDays']) !== undefined && (
          <ErrorAlert error={create.error} title="Not made" />
        )}
        {secret !== null && <ShownOnce title="Token made: copy it now" note="It is not shown again." value={secret} testId="new-token" />}
        <Group>
          <Button type="submit" loading={create.isPending}>
            Make token
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
