import tseslint from 'typescript-eslint';

// Each zone may use the shared kernel and the exchange's contracts, never the other zone.
const zoneRule = (other) => [
  'error',
  {
    patterns: [
      {
        group: [`**/${other}/**`, `**/${other}`],
        message: `The ${other} zone is reached only through the exchange, never imported.`,
      },
    ],
  },
];

export default tseslint.config(
  { ignores: ['node_modules/**', 'data/**', 'bench/results/**', 'migrations/**', 'public/**'] },
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
          ],
        },
      ],
    },
  },
);
