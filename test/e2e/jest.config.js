/**
 * End-to-end tests through a real n8n (installed and cached by scripts/n8n-install.sh).
 * Run: npx jest -c test/e2e/jest.config.js   (needs `npm run build` for the package tests)
 */
/** @type {import('jest').Config} */
module.exports = {
	rootDir: '../..',
	testEnvironment: 'node',
	roots: ['<rootDir>/test/e2e'],
	testMatch: ['**/*.test.ts'],
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.jest.json', diagnostics: false }] },
	testTimeout: 600000,
	// Two files at a time: an n8n boot is CPU bound, but much of a file is waiting (n8n's start-up
	// I/O, webhooks, the polling trigger's schedule, which starts first: test/e2e/sequencer.js).
	maxWorkers: 2,
	testSequencer: '<rootDir>/test/e2e/sequencer.js',
	// where each file's time went (n8n boots), printed at the end
	reporters: ['default', '<rootDir>/test/e2e/summary-reporter.js'],
};
