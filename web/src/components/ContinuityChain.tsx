/**
 * B6 on screen: what a continuity call tries when its destination does not answer. The tenant's
 * chain, in order (its voice agent, or external numbers), how long each rings, and the recorded
 * message every call ends with when all have failed: a continuity call is never simply dropped.
 */
import { ActionIcon, Button, Group, NumberInput, Paper, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useSetChain, type ChainLink } from '../api/continuity';
import { useTenantContinuity } from '../api/queries';
import type { TenantContinuity } from '../api/types';
import { formatNumber } from './labels';
import { fieldError } from './QueryState';
import { FormFooter } from './FormFooter';
import { useFollowVersion } from './useFollowVersion';

const MAX_LINKS = 4;
type Row = { kind: 'voice_agent' | 'external_number'; number: string };

const rowsOf = (then: TenantContinuity['tenant']['continuity']['chain']['then']): Row[] =>
  then.map((link) =>
    link.kind === 'voice_agent' ? { kind: 'voice_agent', number: '' } : { kind: 'external_number', number: formatNumber(link.number) },
  );

export function ChainSection({ data }: { data: TenantContinuity }) {
  const chain = data.tenant.continuity.chain;
  const [rows, setRows] = useState<Row[]>(rowsOf(chain.then));
  const [seconds, setSeconds] = useState<number | string>(chain.noAnswerSeconds);
  const [version, setVersion] = useState(data.tenant.versions.continuity);
  const [theirs, setTheirs] = useState<string | null>(null);
  const save = useSetChain(data.tenant.id);
  const continuity = useTenantContinuity(data.tenant.id);
  const editable = data.tenant.abilities.manageContinuity;
  const voiceAgent = data.voiceAgentOption;
  // The default destination shares the version: its save leaves the chain as loaded, so the form follows it.
  const settled = useFollowVersion(data.tenant.versions.continuity, JSON.stringify(chain), setVersion);

  const reload = async () => {
    const fresh = (await continuity.refetch()).data!.tenant;
    setVersion(fresh.versions.continuity);
    settled(JSON.stringify(fresh.continuity.chain));
    save.reset();
    const words = chainWords(rowsOf(fresh.continuity.chain.then), fresh.continuity.chain.noAnswerSeconds);
    setTheirs(words);
    return words;
  };
  const change = (index: number, row: Row) => setRows(rows.map((r, i) => (i === index ? row : r)));
  const move = (index: number, by: -1 | 1) => {
    const next = [...rows];
    [next[index], next[index + by]] = [next[index + by]!, next[index]!];
    setRows(next);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const then: ChainLink[] = rows.map((row) =>
      row.kind === 'voice_agent' ? { kind: 'voice_agent' } : { kind: row.kind, number: row.number },
    );
    save.mutate(
      { then, noAnswerSeconds: Number(seconds), version },
      {
        onSuccess: (tenant) => {
          settled(JSON.stringify(tenant.continuity.chain));
          setVersion(tenant.versions.continuity);
          setTheirs(null);
        },
      },
    );
  };
  const fields = ['then', 'noAnswerSeconds', ...rows.flatMap((_, i) => [`then.${i}.number`, `then.${i}.kind`])];

  return (
    <Paper withBorder p="md" component="form" onSubmit={submit} aria-labelledby="chain-title" data-testid="continuity-chain">
      <Stack>
        <Title order={4} id="chain-title">
          If the destination does not answer
        </Title>
        <Text size="sm" c="dimmed">
          When the Call Continuity destination is busy, does not answer or cannot be reached, the call tries the destinations below in
          order. If every one fails, the caller hears a recorded message, so a continuity call is never simply dropped.
        </Text>
        <Stack gap="xs" component="ol" p={0} m={0} style={{ listStyle: 'none' }}>
          {rows.map((row, i) => (
            <Group key={i} component="li" align="flex-start" wrap="wrap" gap="xs">
              <Text size="sm" pt={8} w={70}>
                Then {i + 1}.
              </Text>
              <Select
                aria-label={`Destination ${i + 1}`}
                value={row.kind}
                onChange={(value) => change(i, { ...row, kind: (value ?? 'external_number') as Row['kind'] })}
                data={[
                  { value: 'external_number', label: 'External Number' },
                  { value: 'voice_agent', label: 'Voice Agent', disabled: !voiceAgent.available },
                ]}
                error={fieldError(save.error, `then.${i}.kind`)}
                disabled={!editable}
                allowDeselect={false}
                w={170}
              />
              {row.kind === 'external_number' && (
                <TextInput
                  aria-label={`Phone number ${i + 1}`}
                  placeholder="(619) 867-5309"
                  value={row.number}
                  onChange={(e) => change(i, { ...row, number: e.currentTarget.value })}
                  error={fieldError(save.error, `then.${i}.number`)}
                  disabled={!editable}
                  w={200}
                />
              )}
              {editable && (
                <Group gap={4} pt={4}>
                  <ActionIcon variant="default" aria-label={`Move destination ${i + 1} up`} disabled={i === 0} onClick={() => move(i, -1)}>
                    ↑
                  </ActionIcon>
                  <ActionIcon
                    variant="default"
                    aria-label={`Move destination ${i + 1} down`}
                    disabled={i === rows.length - 1}
                    onClick={() => move(i, 1)}
                  >
                    ↓
                  </ActionIcon>
                  <Button size="xs" variant="subtle" color="red" onClick={() => setRows(rows.filter((_, j) => j !== i))}>
                    Remove
                  </Button>
                </Group>
              )}
            </Group>
          ))}
          <Group component="li" gap="xs">
            <Text size="sm" w={70}>
              Last.
            </Text>
            <Text size="sm">
              The recorded message (&ldquo;We&apos;re sorry, we can&apos;t take your call right now&hellip;&rdquo;), then the call ends.
            </Text>
          </Group>
        </Stack>
        {editable && rows.length < MAX_LINKS && (
          <Group>
            <Button size="xs" variant="light" onClick={() => setRows([...rows, { kind: 'external_number', number: '' }])}>
              Add a destination
            </Button>
          </Group>
        )}
        <NumberInput
          label="Ring time for each destination (seconds)"
          description="How long a destination rings before the next is tried."
          min={5}
          max={120}
          value={seconds}
          onChange={setSeconds}
          error={fieldError(save.error, 'noAnswerSeconds')}
          disabled={!editable}
          maw={280}
        />
        <FormFooter save={save} fields={fields} onReload={reload} theirs={theirs} editable={editable} />
      </Stack>
    </Paper>
  );
}

function chainWords(rows: Row[], seconds: number): string {
  const links = rows.map((row) => (row.kind === 'voice_agent' ? 'the Voice Agent' : row.number));
  return `${links.length === 0 ? 'no other destination' : links.join(', then ')}, each ringing ${seconds} seconds`;
}
