/**
 * A save refused because someone else saved the same section after the form was opened (412):
 * said in words, with Reload. Reloading keeps what the person typed in the form and shows, beside
 * it, what the other person saved, so they choose knowingly: save theirs over, or change it.
 */
import { Alert, Button, Stack, Text } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { ApiError } from '../api/client';

export const isStale = (error: unknown): boolean => error instanceof ApiError && error.status === 412;

interface Props {
  readonly error: unknown;
  /** Fetches the section again (and takes its new version). */
  readonly onReload: () => Promise<unknown>;
  /** What the other person saved, in words, once reloaded (null before, and after the next save). */
  readonly theirs: ReactNode | null;
}

export function StaleNotice({ error, onReload, theirs }: Props) {
  const [reloading, setReloading] = useState(false);
  if (isStale(error))
    return (
      <Alert color="yellow" role="alert" title="Someone else saved this first" data-testid="stale-notice">
        <Stack gap="xs" align="flex-start">
          <Text size="sm">
            These settings changed since you opened them, so yours were not saved. Reload to see the other change; what you typed stays in
            the form.
          </Text>
          <Button
            size="xs"
            variant="light"
            loading={reloading}
            onClick={() => {
              setReloading(true);
              // A reload that fails leaves the notice (and its button) as it was: try again.
              void onReload()
                .catch(() => undefined)
                .finally(() => setReloading(false));
            }}
          >
            Reload
          </Button>
        </Stack>
      </Alert>
    );
  if (theirs !== null)
    return (
      <Alert color="blue" role="status" title="Saved by someone else" data-testid="their-change">
        <Text size="sm">Now saved: {theirs}. Your entry is still in the form: Save to put yours in its place, or change it.</Text>
      </Alert>
    );
  return null;
}
