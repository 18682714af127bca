/**
 * The end of every settings form, the same everywhere (issue 15): the server's error when it is not
 * about one of the form's fields, the notice of a save refused as stale with its Reload, "Saved.",
 * and the Save button for those who may edit.
 */
import { Button, Group } from '@mantine/core';
import type { ReactNode } from 'react';
import { ErrorAlert, formError } from './QueryState';
import { SavedNote } from './SavedNote';
import { StaleNotice, isStale } from './StaleNotice';

interface Props {
  /** The save: its error, whether it is under way, whether it has just succeeded. */
  readonly save: { readonly error: unknown; readonly isPending: boolean; readonly isSuccess: boolean };
  /** The form's fields: an error about one of them is shown on it, not here. */
  readonly fields: readonly string[];
  readonly onReload: () => Promise<unknown>;
  /** What the other person saved, in words, once reloaded. */
  readonly theirs: ReactNode | null;
  readonly editable: boolean;
  /** The button's words (default Save). */
  readonly label?: string;
}

export function FormFooter({ save, fields, onReload, theirs, editable, label = 'Save' }: Props) {
  return (
    <>
      {formError(save.error, fields) !== undefined && !isStale(save.error) && <ErrorAlert error={save.error} title="Not saved" />}
      <StaleNotice error={save.error} onReload={onReload} theirs={theirs} />
      <SavedNote shown={save.isSuccess && !save.isPending} />
      {editable && (
        <Group>
          <Button type="submit" loading={save.isPending}>
            {label}
          </Button>
        </Group>
      )}
    </>
  );
}
