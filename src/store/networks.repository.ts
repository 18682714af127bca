/** Networks: the deployment's contact centers. */
import type { Executor } from './db.js';

export interface NetworkRecord {
  readonly id: string;
  readonly slug: string;
  readonly name: string;
  readonly version: number;
}

export async function getNetwork(db: Executor, id: string): Promise<NetworkRecord | undefined> {
  return db.selectFrom('networks').select(['id', 'slug', 'name', 'version']).where('id', '=', id).executeTakeFirst();
}

/** A network by its id or its slug (what people type on the command line). */
export async function findNetwork(db: Executor, idOrSlug: string): Promise<NetworkRecord | undefined> {
  return db
    .selectFrom('networks')
    .select(['id', 'slug', 'name', 'version'])
    .where((eb) => eb.or([eb('id', '=', idOrSlug), eb('slug', '=', idOrSlug)]))
    .executeTakeFirst();
}

/** Every network's id (the SIP edge serves them all: tracking numbers are unique in the deployment). */
export async function listNetworkIds(db: Executor): Promise<string[]> {
  return (await db.selectFrom('networks').select('id').orderBy('id').execute()).map((r) => r.id);
}

/** Every network's current settings version (SQLite nodes look here for other processes' changes). */
export async function listNetworkVersions(db: Executor): Promise<{ id: string; version: number }[]> {
  return db.selectFrom('networks').select(['id', 'version']).execute();
}
