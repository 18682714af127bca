/** The tenant filter of the network's lists (overview, call log, audit log): the person's tenants, or all of them. */
import { Select } from '@mantine/core';
import { useSession } from '../api/session';

export function TenantSelect({ value, onChange }: { value: string | null; onChange: (tenantId: string | null) => void }) {
  const me = useSession().data!;
  return (
    <Select
      label="Tenant"
      placeholder="All tenants"
      clearable
      data={me.tenants.map((t) => ({ value: t.id, label: t.name }))}
      value={value}
      onChange={onChange}
    />
  );
}
