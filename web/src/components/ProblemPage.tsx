/**
 * A page that cannot be shown, said once and plainly, with the way back: not found (an address
 * that leads nowhere, a record that is not there or not this network's) and no access (the page
 * exists, the person's permissions do not include it). Never "Unexpected error", never a page's
 * controls around a refusal.
 */
import { Anchor, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';

export function ProblemPage({ kind, detail }: { kind: 'not_found' | 'no_access'; detail?: string }) {
  return (
    <Stack maw={640} gap="sm" data-testid={kind === 'not_found' ? 'not-found' : 'no-access'}>
      <Title order={2}>{kind === 'not_found' ? 'Page not found' : 'You do not have access to this page'}</Title>
      <Text role="alert">
        {detail ??
          (kind === 'not_found'
            ? 'There is nothing at this address. It may have been mistyped, or what it showed was removed.'
            : 'Your account does not include this page. Ask a network administrator if you need it.')}
      </Text>
      <Anchor component={Link} to="/">
        Go to your start page
      </Anchor>
    </Stack>
  );
}
