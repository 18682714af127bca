/** C8 C11: Active (every tenant on), Inactive (none), Partial with how many ("Partial · 2 of 4"). */
import { Badge } from '@mantine/core';

const COLORS = { active: 'orange', inactive: 'gray', partial: 'yellow' } as const;
const LABELS = { active: 'Active', inactive: 'Inactive', partial: 'Partial' } as const;

export function ContinuityBadge({ badge }: { badge: { status: keyof typeof COLORS; on: number; total: number } }) {
  return (
    <Badge size="lg" color={COLORS[badge.status]} data-testid="continuity-badge" title={`${badge.on} of ${badge.total} tenants on`}>
      {badge.status === 'partial' ? `${LABELS.partial} · ${badge.on} of ${badge.total}` : LABELS[badge.status]}
    </Badge>
  );
}
