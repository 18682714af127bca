/** A queue's page with its recording settings: the queue defaults, or custom settings that override them (R5). */
import { Anchor, Button, Group, Paper, Radio, Stack, Title } from '@mantine/core';
import { SavedNote } from '../../components/SavedNote';
import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { useQueues, useRecordingDefaults } from '../../api/queries';
import { useQueueRecording } from '../../api/recording';
import type { ModeSetting, Queue } from '../../api/types';
import { ErrorAlert, QueryState } from '../../components/QueryState';
import { CustomSettingFields, InForce, settingWords } from './CustomSettingFields';
import { isStale, StaleNotice } from '../../components/StaleNotice';

export function QueueEditPage() {
  const { queueId = '' } = useParams();
  const queues = useQueues();
  const defaults = useRecordingDefaults();
  return (
    <Stack maw={860}>
      <Anchor component={Link} to="/recording-defaults/queue" size="sm">
        ← Queue Defaults
      </Anchor>
      <QueryState query={queues}>
        {(data) => {
          const queue = data.queues.find((q) => q.id === queueId);
          if (queue === undefined) return <ErrorAlert error={new Error('not found')} title={`No queue "${queueId}"`} />;
          return (
            <QueueForm key={queue.id} queue={queue} defaults={defaults.data?.queue} editable={defaults.data?.abilities.edit ?? false} />
          );
        }}
      </QueryState>
    </Stack>
  );
}

function QueueForm({ queue, defaults, editable }: { queue: Queue; defaults: ModeSetting | undefined; editable: boolean }) {
  const [custom, setCustom] = useState(queue.custom);
  const [setting, setSetting] = useState<ModeSetting>(queue.customRecording ?? defaults ?? queue.effective);
  const [version, setVersion] = useState(queue.version);
  const save = useQueueRecording();
  const queues = useQueues();
  const [theirs, setTheirs] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(
      { queueId: queue.id, version, custom: custom ? setting : null },
      {
        onSuccess: (saved) => {
          setVersion(saved.version);
          setTheirs(null);
        },
      },
    );
  };
  const reload = async () => {
    const fresh = (await queues.refetch()).data?.queues.find((q) => q.id === queue.id);
    if (fresh === undefined) return;
    setVersion(fresh.version);
    save.reset();
    setTheirs(settingWords(fresh.custom, fresh.effective));
  };
  return (
    <Paper withBorder p="md" component="form" onSubmit={submit}>
      <Stack>
        <Title order={2}>{queue.name}</Title>
        <Radio.Group label="Call recording" value={custom ? 'custom' : 'default'} onChange={(v) => setCustom(v === 'custom')}>
          <Stack gap="xs" mt="xs">
            <Radio value="default" label="Use the Queue Defaults" disabled={!editable} />
            <Radio
              value="custom"
              label="Custom settings"
              description="Override the defaults, even if the defaults change later."
              disabled={!editable}
            />
          </Stack>
        </Radio.Group>
        {custom && <CustomSettingFields label="Inbound" value={setting} onChange={setSetting} disabled={!editable} />}
        {!custom && defaults !== undefined && <InForce title="Follows the Queue Defaults" rows={[['Inbound', defaults]]} />}
        {save.isError && !isStale(save.error) && <ErrorAlert error={save.error} title="Not saved" />}
        <StaleNotice error={save.error} onReload={reload} theirs={theirs} />
        <SavedNote shown={save.isSuccess} />
        {editable && (
          <Group>
            <Button type="submit" loading={save.isPending}>
              Save
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
