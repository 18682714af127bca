import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'data/',
      'coverage/',
      'web/dist/',
      'web/src/api/schema.d.ts',
      'test-results/',
      'playwright-report/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: globals.node },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      eqeqeq: ['error', 'always'],
      'no-console': 'off',
    },
  },
  {
    // The web UI runs in the browser and follows the rules of hooks.
    files: ['web/src/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  ...layers({
    // The decision core is pure: no I/O, no clock, nothing of the shells around it.
    'src/domain': ['store', 'runtime', 'app', 'edges', 'formats', 'shared', 'config', 'main'],
    'src/shared': ['store', 'runtime', 'app', 'edges', 'formats', 'config', 'main'],
    'src/formats': ['store', 'runtime', 'app', 'edges', 'config', 'main'],
    'src/store': ['runtime', 'app', 'edges', 'formats', 'config', 'main'],
    'src/runtime': ['app', 'edges', 'formats', 'config', 'main'],
    'src/app': ['edges', 'config', 'main'],
    // Edges call the application: never a repository, the store or the snapshot cache.
    'src/edges': ['store', 'runtime'],
  }),
  {
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-globals': ['error', 'process', 'Date', 'setTimeout', 'setInterval', 'fetch', 'console'],
    },
  },
);

/**
 * The layer rules (ARCHITECTURE.md): arrows point down only, edges -> app -> runtime/store ->
 * domain, formats -> domain. Each folder names the folders it must not import; an upward import
 * fails lint (test/layers.test.ts proves it).
 */
function layers(forbidden) {
  const nodeBuiltins = {
    group: ['node:*', 'fs', 'path', 'http', 'https', 'net', 'dgram', 'child_process', 'os', 'crypto', 'worker_threads'],
    message: 'src/domain is pure: no Node built-ins.',
  };
  return Object.entries(forbidden).map(([folder, names]) => ({
    files: [`${folder}/**/*.ts`],
    ignores: [`${folder}/**/*.test.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...(folder === 'src/domain' ? [nodeBuiltins] : []),
            ...names.map((name) => ({
              group: name === 'config' || name === 'main' ? [`**/${name}.js`, `**/${name}`] : [`**/${name}/**`],
              message: `Layers: ${folder} must not import from ${name === 'config' || name === 'main' ? `src/${name}.ts` : `src/${name}/`} (arrows point down: edges -> app -> runtime/store -> domain).`,
            })),
          ],
        },
      ],
    },
  }));
}
