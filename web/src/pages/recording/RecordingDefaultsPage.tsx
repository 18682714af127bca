/** Recording Defaults (R1-R14, X1-X4): Global, Queue, Individual and Exclusion List tabs. */
import { Stack, Title } from '@mantine/core';
import { useParams } from 'react-router';
import { useRecordingDefaults } from '../../api/queries';
import { RouteTabs } from '../../components/RouteTabs';
import { QueryState } from '../../components/QueryState';
import { ExclusionListTab } from './ExclusionListTab';
import { GlobalDefaultsTab } from './GlobalDefaultsTab';
import { IndividualDefaultsTab } from './IndividualDefaultsTab';
import { QueueDefaultsTab } from './QueueDefaultsTab';

const TABS = [
  { value: 'global', label: 'Global Defaults' },
  { value: 'queue', label: 'Queue Defaults' },
  { value: 'individual', label: 'Individual Defaults' },
  { value: 'exclusions', label: 'Exclusion List' },
] as const;

export function RecordingDefaultsPage() {
  const { tab = 'global' } = useParams();
  const defaults = useRecordingDefaults();
  return (
    <Stack maw={900}>
      <Title order={2}>Recording Defaults</Title>
      <RouteTabs
        tabs={TABS}
        value={TABS.find((t) => t.value === tab)?.value ?? 'global'}
        pathOf={(value) => `/recording-defaults/${value}`}
      >
        <QueryState query={defaults}>
          {(data) => {
            switch (tab) {
              case 'queue':
                return <QueueDefaultsTab defaults={data} />;
              case 'individual':
                return <IndividualDefaultsTab defaults={data} />;
              case 'exclusions':
                return <ExclusionListTab editable={data.abilities.edit} />;
              default:
                return <GlobalDefaultsTab defaults={data} />;
            }
          }}
        </QueryState>
      </RouteTabs>
    </Stack>
  );
}
