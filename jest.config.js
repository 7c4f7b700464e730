/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.(t|j|mj)s$': ['@swc/jest', { jsc: { target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  // ESM-only packages (archiver and friends, content-disposition, cookie) and @fastify/cookie's
  // dynamic import() of cookie: Node 20 can
  // require() them but jest's module system cannot, so swc turns them into CommonJS like our own code.
  transformIgnorePatterns: [
    '/node_modules/(?!(archiver|archiver-utils|zip-stream|compress-commons|crc32-stream|is-stream|content-disposition|cookie|@fastify/cookie)/)',
  ],
  testTimeout: 60000,
  // Tests share two cores with servers they start; two workers keep them from starving each other.
  maxWorkers: 2,
};
