/**
 * Issue 12: the layer rules are checked by the linter. An import that points up (a repository
 * from a route, an edge from the application, the store from the decision core) fails lint; the
 * imports each layer may make pass.
 */
import { ESLint } from 'eslint';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const eslint = new ESLint({ cwd: root });

async function problems(file: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath: join(root, file) });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('layer rules in lint', () => {
  it.each([
    ['src/edges/http/routes/x.routes.ts', "import { listTenants } from '../../../store/tenants.repository.js';"],
    ['src/edges/sip/x.ts', "import type { SnapshotCache } from '../../runtime/snapshot-cache.js';"],
    ['src/edges/cli/x.ts', "import { openStore } from '../../store/db.js';"],
    ['src/app/commands/x.ts', "import { forgetToken } from '../../edges/http/plugins/authentication.js';"],
    ['src/app/x.ts', "import { loadConfig } from '../config.js';"],
    ['src/store/x.ts', "import { hashPassword } from '../app/auth/secrets.js';"],
    ['src/store/x.ts', "import { SnapshotCache } from '../runtime/snapshot-cache.js';"],
    ['src/runtime/x.ts', "import { errors } from '../app/errors.js';"],
    ['src/formats/x.ts', "import type { Store } from '../store/db.js';"],
    ['src/domain/x.ts', "import type { Store } from '../store/db.js';"],
    ['src/domain/x.ts', "import { readFileSync } from 'node:fs';"],
    ['src/shared/x.ts', "import type { Application } from '../app/application.js';"],
  ])('%s: an upward import fails lint (%s)', async (file, source) => {
    expect(await problems(file, `${source}\nexport {};\n`)).toHaveLength(1);
  });

  it.each([
    [
      'src/edges/http/routes/x.routes.ts',
      "import { tenants } from '../../../app/queries/directory.queries.js';\nimport type { E164 } from '../../../domain/phone-number.js';",
    ],
    [
      'src/app/commands/x.ts',
      "import { listTenants } from '../../store/tenants.repository.js';\nimport type { SnapshotCache } from '../../runtime/snapshot-cache.js';",
    ],
    ['src/runtime/x.ts', "import type { Store } from '../store/db.js';"],
    ['src/store/x.ts', "import type { Tenant } from '../domain/model.js';"],
    ['src/formats/x.ts', "import { readExclusionCell } from '../domain/exclusion-cell.js';"],
  ])('%s: a downward import passes', async (file, source) => {
    expect(await problems(file, `${source}\nexport {};\n`)).toEqual([]);
  });
});
