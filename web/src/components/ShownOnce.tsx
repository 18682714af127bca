/** A secret the server shows once (a webhook's signing secret, an API token): said so, with Copy. */
import { Alert, Button, Code, CopyButton, Group, Stack, Text } from '@mantine/core';

export function ShownOnce({ title, note, value, testId }: { title: string; note: string; value: string; testId: string }) {
  return (
    <Alert color="green" title={title} role="status">
      <Stack gap="xs">
        <Text size="sm">{note}</Text>
        <Group gap="xs" wrap="nowrap">
          <Code data-testid={testId} style={{ overflowWrap: 'anywhere' }}>
            {value}
          </Code>
          <CopyButton value={value}>
            {({ copied, copy }) => (
              <Button size="xs" variant="light" onClick={copy}>
                {copied ? 'Copied' : 'Copy'}
              </Button>
            )}
          </CopyButton>
        </Group>
      </Stack>
    </Alert>
  );
}
