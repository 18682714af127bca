/** An agent's account names the employee they are, so live calls reach only the agent who answered them (issue 6). */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('users').addColumn('employee_id', 'text').execute();
  // One account per employee: two accounts on one employee would share that agent's calls.
  await db.schema
    .createIndex('users_employee')
    .unique()
    .on('users')
    .columns(['network_id', 'employee_id'])
    .where(sql.ref('employee_id'), 'is not', null)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('users_employee').execute();
  await db.schema.alterTable('users').dropColumn('employee_id').execute();
}
