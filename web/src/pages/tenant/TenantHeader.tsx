/** The tenant's name and its settings tabs (Call Continuity, Phone Numbers, Core recording settings), the page in its tab. */
import { Stack, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { RouteTabs } from '../../components/RouteTabs';
import { useSession } from '../../api/session';

const TABS = [
  { value: 'continuity', label: 'Call Continuity' },
  { value: 'phone-numbers', label: 'Phone Numbers' },
  { value: 'core-recording', label: 'Core recording settings' },
] as const;

export function TenantHeader({
  tenantId,
  tab,
  children,
}: {
  tenantId: string;
  tab: (typeof TABS)[number]['value'];
  /** The tab's content. */
  children: ReactNode;
}) {
  const me = useSession().data!;
  const name = me.tenants.find((t) => t.id === tenantId)?.name ?? tenantId;
  return (
    <>
      <Title order={2}>{name}</Title>
      <RouteTabs tabs={TABS} value={tab} pathOf={(value) => `/tenants/${tenantId}/${value}`}>
        <Stack>{children}</Stack>
      </RouteTabs>
    </>
  );
}
