/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.(t|j|mj)s$': ['@swc/jest', { jsc: { target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  // lamejs ships ESM for import; let swc turn it into CommonJS like our own code.
  transformIgnorePatterns: ['/node_modules/(?!@breezystack/lamejs)'],
  testTimeout: 60000,
  // Tests share two cores with servers they start; two workers keep them from starving each other.
  maxWorkers: 2,
};
