import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import vue from 'eslint-plugin-vue';
import globals from 'globals';

// Built-ins newer than ES2018: WeChat's compiler does not polyfill them and iOS 12 / Android 6 era
// engines lack some (Object.fromEntries is missing on iOS 12.0). miniprogram/tsconfig.json's lib says the same.
const NEWER_BUILT_INS = [
  {
    selector:
      'CallExpression[callee.property.name=/^(flat|flatMap|matchAll|replaceAll|at|findLast|findLastIndex)$/]',
    message: 'ES2019+ method: not available on every WeChat client (iOS 12 / Android 6 era).',
  },
  {
    selector: "MemberExpression[object.name='Object'][property.name=/^(fromEntries|hasOwn)$/]",
    message: 'ES2019+ built-in: not available on every WeChat client.',
  },
  {
    selector: "MemberExpression[object.name='Promise'][property.name=/^(allSettled|any)$/]",
    message: 'ES2020+ built-in: not available on every WeChat client.',
  },
  {
    selector: 'Identifier[name=/^(structuredClone|globalThis)$/]',
    message: 'Not available on every WeChat client.',
  },
];

export default tseslint.config(
  {
    ignores: [
      'node_modules',
      'dist',
      '**/dist',
      '.data',
      'coverage',
      'bench/results',
      'test-output',
      'cloudfunctions/*/index.js',
      'test/emulator/fixtures/bundles/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...vue.configs['flat/essential'],
  {
    languageOptions: {
      parserOptions: {
        // Each file is checked with the program of its nearest tsconfig (root, miniprogram, admin/web).
        projectService: {
          allowDefaultProject: ['*.mjs', '*.js', 'simulator/*.js', 'admin/web/vite.config.mts'],
        },
        tsconfigRootDir: import.meta.dirname,
        extraFileExtensions: ['.vue'],
      },
    },
  },
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  {
    files: ['admin/web/**/*.{ts,vue}'],
    languageOptions: { globals: globals.browser },
  },
  {
    rules: {
      complexity: ['error', 10],
      'max-lines': ['error', { max: 400, skipBlankLines: true, skipComments: true }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true },
      ],
      'no-console': 'off',
    },
  },
  {
    // Tests may import anything; nothing else may import from test/ (the product must not depend on tests).
    files: ['**/*.{ts,mts,js,mjs,cjs,vue}'],
    ignores: ['test/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^|/)test/',
              message: 'Only tests import from test/; shared drivers live in harness/ or simulator/.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['miniprogram/**/*.ts'],
    rules: { 'no-restricted-syntax': ['error', ...NEWER_BUILT_INS] },
  },
  {
    // Schemas and their validator are server code: phones and pages use the types derived from them only.
    files: ['miniprogram/**/*.ts', 'admin/web/**/*.{ts,vue}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^|/)typings/schemas/|^@sinclair/typebox|^ajv',
              allowTypeImports: true,
              message: 'Payload schemas are checked on the server; import their types with `import type`.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs', '**/*.mjs', 'admin/web/vite.config.mts'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
    languageOptions: {
      globals: { module: 'writable', require: 'readonly', __dirname: 'readonly', process: 'readonly' },
    },
  },
);
