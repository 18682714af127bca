/** The tenant's name and its settings tabs: Call Continuity, Phone Numbers, Core recording settings. */
import { Tabs, Title } from '@mantine/core';
import { useNavigate } from 'react-router';
import { useSession } from '../../api/session';

const TABS = [
  { value: 'continuity', label: 'Call Continuity' },
  { value: 'phone-numbers', label: 'Phone Numbers' },
  { value: 'core-recording', label: 'Core recording settings' },
] as const;

export function TenantHeader({ tenantId, tab }: { tenantId: string; tab: (typeof TABS)[number]['value'] }) {
  const navigate = useNavigate();
  const me = useSession().data!;
  const name = me.tenants.find((t) => t.id === tenantId)?.name ?? tenantId;
  return (
    <>
      <Title order={2}>{name}</Title>
      <Tabs value={tab} onChange={(value) => value !== null && navigate(`/tenants/${tenantId}/${value}`)} mb="md">
        <Tabs.List>
          {TABS.map((t) => (
            <Tabs.Tab key={t.value} value={t.value}>
              {t.label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
    </>
  );
}
