/**
 * Tabs whose choice is the page's address (each tab a route): the active tab's panel holds the
 * page's content, and every panel exists (hidden when not active) so that each tab names a
 * panel that is there (valid ARIA for screen readers).
 */
import { Tabs } from '@mantine/core';
import type { ReactNode } from 'react';
import { useNavigate } from 'react-router';

export function RouteTabs<T extends string>({
  tabs,
  value,
  pathOf,
  children,
}: {
  tabs: readonly { readonly value: T; readonly label: string }[];
  value: T;
  pathOf: (value: T) => string;
  children: ReactNode;
}) {
  const navigate = useNavigate();
  return (
    <Tabs value={value} onChange={(next) => next !== null && navigate(pathOf(next as T))} keepMounted>
      <Tabs.List>
        {tabs.map((tab) => (
          <Tabs.Tab key={tab.value} value={tab.value}>
            {tab.label}
          </Tabs.Tab>
        ))}
      </Tabs.List>
      {tabs.map((tab) => (
        <Tabs.Panel key={tab.value} value={tab.value} pt="md">
          {tab.value === value ? children : null}
        </Tabs.Panel>
      ))}
    </Tabs>
  );
}
