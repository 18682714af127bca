/** Loading, error and empty states, the same on every screen. */
import { Alert, Center, Loader, Text } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { ApiError } from '../api/client';
import { formatNumber } from './labels';
import { ProblemPage } from './ProblemPage';

export function QueryState<T>({ query, children }: { query: UseQueryResult<T>; children: (data: T) => ReactNode }) {
  if (query.isPending) {
    return (
      <Center py="xl" aria-busy="true">
        <Loader size="sm" aria-label="Loading" />
      </Center>
    );
  }
  if (query.isError) {
    const { error } = query;
    // A record that is not there (or not this network's) and a page the person may not see are pages of their own.
    if (error instanceof ApiError && error.status === 404) return <ProblemPage kind="not_found" detail={error.message} />;
    if (error instanceof ApiError && error.status === 403) return <ProblemPage kind="no_access" />;
    return <ErrorAlert error={error} />;
  }
  return <>{children(query.data)}</>;
}

export function ErrorAlert({ error, title = 'Something went wrong' }: { error: unknown; title?: string }) {
  const message = error instanceof ApiError ? error.message : 'Unexpected error; try again.';
  return (
    <Alert color="red" title={title} role="alert">
      {message}
    </Alert>
  );
}

export function EmptyState({ children }: { children: ReactNode }) {
  return (
    <Text c="dimmed" ta="center" py="lg">
      {children}
    </Text>
  );
}

/**
 * The server's message for one field, or undefined: put it on that field, in words a person
 * reads: without the field's path (the field is where it shows) and with numbers as people write
 * them ("(619) 867-5301", not "+16198675301").
 */
export function fieldError(error: unknown, field: string): string | undefined {
  if (!(error instanceof ApiError) || !error.isAbout(field)) return undefined;
  const words = error.message.replace(/^[\w.[\]]+: /, '').replace(/\+[1-9]\d{6,14}\b/g, (number) => formatNumber(number));
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The server's message when it is not about one of the form's fields (shown above the form). */
export function formError(error: unknown, fields: readonly string[]): ApiError | Error | undefined {
  if (error === null || error === undefined) return undefined;
  if (error instanceof ApiError && fields.some((field) => error.isAbout(field))) return undefined;
  return error instanceof Error ? error : new Error(String(error));
}
