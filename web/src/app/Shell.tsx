/** The frame of every screen: header (network, user, sign out), navigation by ability, and the C12 banner. */
import { Alert, AppShell, Burger, Group, NavLink, Text, Title, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useEffect, type ReactNode } from 'react';
import { NavLink as RouterLink, useLocation } from 'react-router';
import { useContinuityEvent } from '../api/events';
import { useNow } from '../components/ContinuitySchedules';
import { useSignOut } from '../api/session';
import type { Me } from '../api/types';

export function Shell({ me, children }: { me: Me; children: ReactNode }) {
  const [opened, { toggle, close }] = useDisclosure();
  const signOut = useSignOut();
  const { pathname } = useLocation();
  // On a phone the menu covers the page: choosing a page closes it.
  useEffect(close, [pathname, close]);
  const network = me.abilities.network;
  const link = (to: string, label: string) => (
    <NavLink key={to} component={RouterLink} to={to} label={label} active={pathname === to || pathname.startsWith(`${to}/`)} />
  );

  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap" miw={0}>
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label="Menu" />
            <Title order={4}>Switchboard</Title>
            <Text c="dimmed" data-testid="header-network" truncate visibleFrom="xs">
              {me.network.name}
            </Text>
          </Group>
          <Group gap="md" wrap="nowrap">
            <Text size="sm" data-testid="header-user" truncate visibleFrom="sm">
              {me.user.name}
            </Text>
            <UnstyledButton onClick={() => signOut.mutate()} aria-label="Sign out">
              <Text size="sm" c="indigo">
                Sign out
              </Text>
            </UnstyledButton>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label="Main">
        <Text size="sm" c="dimmed" px="sm" pb="xs" hiddenFrom="sm">
          {me.user.name} · {me.network.name}
        </Text>
        {(network.viewContinuityStatus || me.tenants.length > 0) && link('/overview', 'Overview')}
        {network.viewContinuityStatus && link('/continuity', 'Call Continuity')}
        {me.tenants.length > 0 && (
          <NavLink label="Tenants" defaultOpened childrenOffset={12}>
            {me.tenants.map((tenant) => link(`/tenants/${tenant.id}`, tenant.name))}
          </NavLink>
        )}
        {network.viewRecordingSettings && link('/recording-defaults', 'Recording Defaults')}
        {network.viewAuditLog && link('/audit', 'Audit log')}
        {(network.viewContinuityStatus || me.tenants.length > 0) && link('/calls', 'Call log')}
        {me.user.networkAdmin && link('/legal-holds', 'Legal holds')}
        {me.user.networkAdmin && link('/webhooks', 'Webhooks')}
        {me.user.networkAdmin && link('/api-tokens', 'API tokens')}
        {network.useAgentConsole && link('/agent', 'Agent console')}
      </AppShell.Navbar>
      <AppShell.Main>
        <ContinuityBanner />
        {children}
      </AppShell.Main>
    </AppShell>
  );
}

/** C12: shown to everyone in the network while any tenant is in Call Continuity; B4: and while any is in a drill. */
function ContinuityBanner() {
  const event = useContinuityEvent();
  const now = useNow();
  const tenants = event?.tenantsInContinuity ?? [];
  const drills = (event?.tenantsInDrill ?? []).filter((t) => Date.parse(t.endsAt) > now);
  return (
    <>
      {tenants.length > 0 && (
        <Alert color="orange" mb="md" role="status" data-testid="continuity-banner" title="Call Continuity is active">
          Calls to {tenants.map((t) => t.name).join(', ')} are bypassing standard routing and going to the Call Continuity destination.
        </Alert>
      )}
      {drills.length > 0 && (
        <Alert color="blue" mb="md" role="status" data-testid="drill-banner" title="Call Continuity drill">
          {drills.map((t) => t.name).join(', ')}: a drill is running. Only the drill&apos;s test callers reach the Call Continuity
          destination; every other call follows standard routing.
        </Alert>
      )}
    </>
  );
}
