import boundaries from 'eslint-plugin-boundaries';
import tseslint from 'typescript-eslint';

// main.ts and zones.ts assemble the platform: no part of it imports them back.
const composition = {
  group: ['**/zones.ts', '**/main.ts'],
  message: 'main.ts and zones.ts assemble the platform; nothing imports them.',
};

// Each zone may use the shared kernel and the exchange's facade and contracts, never the other zone.
const zoneRule = (other) => [
  'error',
  {
    patterns: [
      {
        group: [`**/${other}/**`, `**/${other}`],
        message: `The ${other} zone is reached only through the exchange, never imported.`,
      },
      composition,
    ],
  },
];

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'data/**',
      'bench/results/**',
      'migrations/**',
      'public/**',
      '.test-build/**',
      '.build/**',
    ],
  },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  // node:test's test() and describe() return promises the runner itself awaits.
  {
    files: ['**/*.test.ts', '**/*.test.tsx', 'test/**', '**/*.e2e.ts'],
    rules: { '@typescript-eslint/no-floating-promises': 'off' },
  },
  // The architecture: which part of src/ may import which. Checked on every file's own imports, so a zone
  // cannot reach the exchange's internals through some helper of its own either.
  {
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    plugins: { boundaries },
    settings: {
      'boundaries/include': ['src/**/*'],
      // First match wins: the contracts before the rest of the exchange. main.ts and zones.ts, which assemble
      // everything, belong to no element; that nothing imports them is the no-restricted-imports rule below.
      'boundaries/elements': [
        { type: 'exchange-contracts', pattern: 'src/exchange/contracts/**', partialMatch: false },
        { type: 'exchange', pattern: 'src/exchange/**', partialMatch: false },
        { type: 'portal', pattern: 'src/portal/**', partialMatch: false },
        { type: 'workbench', pattern: 'src/workbench/**', partialMatch: false },
        { type: 'shared', pattern: 'src/shared/**', partialMatch: false },
      ],
      'boundaries/files': [
        { category: 'facade', pattern: 'src/exchange/facade.ts' },
        // The tables each zone keeps for the exchange, named by the zone's schema for its migrations.
        { category: 'exchange-tables', pattern: 'src/exchange/tables.ts' },
        { category: 'zone-schema', pattern: 'src/*/db/schema.ts' },
      ],
    },
    rules: {
      'boundaries/dependencies': [
        'error',
        {
          default: 'disallow',
          message: 'Architecture (eslint.config.js): {{from.type}} may not import {{to.type}}',
          policies: [
            { from: { element: { type: 'shared' } }, allow: { to: { element: { type: 'shared' } } } },
            // The exchange imports no zone: the kernel and its own parts, nothing else.
            {
              from: { element: { types: { anyOf: ['exchange', 'exchange-contracts'] } } },
              allow: { to: { element: { types: { anyOf: ['shared', 'exchange', 'exchange-contracts'] } } } },
            },
            // A zone reaches the exchange through the facade and the contracts only, and never the other zone;
            // its schema file alone names the exchange's tables (they live in every zone's database).
            ...['portal', 'workbench'].flatMap((zone) => [
              {
                from: { element: { type: zone } },
                allow: { to: { element: { types: { anyOf: [zone, 'shared', 'exchange-contracts'] } } } },
              },
              {
                from: { element: { type: zone } },
                allow: { to: { element: { type: 'exchange' }, file: { categories: 'facade' } } },
              },
              {
                from: { element: { type: zone }, file: { categories: 'zone-schema' } },
                allow: { to: { element: { type: 'exchange' }, file: { categories: 'exchange-tables' } } },
              },
            ]),
          ],
        },
      ],
    },
  },
  { files: ['src/portal/**'], rules: { 'no-restricted-imports': zoneRule('workbench') } },
  { files: ['src/workbench/**'], rules: { 'no-restricted-imports': zoneRule('portal') } },
  {
    files: ['src/shared/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/portal/**', '**/workbench/**'],
              message: 'The shared kernel belongs to neither zone.',
            },
            composition,
          ],
        },
      ],
    },
  },
  { files: ['src/exchange/**'], rules: { 'no-restricted-imports': ['error', { patterns: [composition] }] } },
);
