/** Every form confirms a save the same way: "Saved." beside its button, announced to screen readers. */
import { Text } from '@mantine/core';

export function SavedNote({ shown }: { shown: boolean }) {
  if (!shown) return null;
  return (
    <Text size="sm" c="green.9" role="status" data-testid="saved">
      Saved.
    </Text>
  );
}
