/** Recording Defaults (R1-R14, X1-X4): Global, Queue, Individual and Exclusion List tabs. */
import { Stack, Tabs, Title } from '@mantine/core';
import { useNavigate, useParams } from 'react-router';
import { useRecordingDefaults } from '../../api/queries';
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
  const navigate = useNavigate();
  const defaults = useRecordingDefaults();
  return (
    <Stack maw={900}>
      <Title order={2}>Recording Defaults</Title>
      <Tabs value={tab} onChange={(value) => value !== null && navigate(`/recording-defaults/${value}`)}>
        <Tabs.List>
          {TABS.map((t) => (
            <Tabs.Tab key={t.value} value={t.value}>
              {t.label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
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
    </Stack>
  );
}
