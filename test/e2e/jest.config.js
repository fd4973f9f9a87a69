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
	// one n8n at a time: every CLI call boots n8n (CPU bound on 2 cores)
	maxWorkers: 1,
};
