/**
 * A table wider than its screen scrolls inside its own frame, never the page (a phone, a small
 * laptop): the frame is a labelled region reachable with the keyboard, so it can be scrolled
 * without a mouse. Positioned, so that what Mantine places absolutely inside a table (visually
 * hidden labels, switch inputs) scrolls with it instead of widening the page.
 */
import { Box } from '@mantine/core';
import type { ReactNode } from 'react';

export function ScrollTable({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Box role="region" aria-label={label} tabIndex={0} style={{ overflowX: 'auto', maxWidth: '100%', position: 'relative' }}>
      {children}
    </Box>
  );
}
