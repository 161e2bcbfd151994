// The fault suite (`npm run test:faults`): breaks private Postgres and Redis servers under a built
// app, so it runs alone, one file at a time, after `npm test`. Same transform as jest.config.js.
const { projects } = require('./jest.config');

const { transform, transformIgnorePatterns, moduleFileExtensions } = projects[0];

/** @type {import('jest').Config} */
module.exports = {
  displayName: 'faults',
  testEnvironment: 'node',
  transform,
  transformIgnorePatterns,
  moduleFileExtensions,
  testMatch: ['<rootDir>/test/faults/**/*.faults-spec.ts'],
  maxWorkers: 1,
  testTimeout: 180_000,
  slowTestThreshold: 60,
};
