// Lint = the rules n8n's verification applies to community packages:
// @n8n/eslint-plugin-community-nodes (recommended, with the n8n Cloud rules: no fs, child_process,
// process, timers) + eslint-plugin-n8n-nodes-base (community for package.json, credentials, nodes),
// with the TypeScript parser, and no `any`. Only the published code (nodes/, credentials/) and
// package.json are linted: tests, scripts and benchmarks are tooling that runs outside n8n, so
// `eslint .` (what `n8n-node lint` runs) sees exactly what n8n's scanner sees.
import tsParser from '@typescript-eslint/parser';
import tsPlugin from '@typescript-eslint/eslint-plugin';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';
import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';

const PUBLISHED = ['nodes/**/*.ts', 'credentials/**/*.ts', 'package.json'];

export default [
	{ ignores: ['**/*', '!nodes/', '!nodes/**', '!credentials/', '!credentials/**', '!package.json'] },
	{ ignores: ['**/*.json', '!package.json'] },
	{ ...n8nCommunityNodesPlugin.configs.recommended, files: PUBLISHED },
	{ files: PUBLISHED, rules: { 'no-console': 'error' } },
	{ plugins: { 'n8n-nodes-base': n8nNodesBase, '@typescript-eslint': tsPlugin } },
	{ files: ['package.json'], rules: { ...n8nNodesBase.configs.community.rules } },
	{
		files: ['credentials/**/*.ts'],
		rules: {
			...n8nNodesBase.configs.credentials.rules,
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
			'n8n-nodes-base/cred-class-field-type-options-password-missing': 'off',
		},
	},
	{
		files: ['nodes/**/*.ts'],
		rules: {
			...n8nNodesBase.configs.nodes.rules,
			// Inputs/outputs use NodeConnectionTypes; BILL has real maximums (3 concurrent requests).
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
			'n8n-nodes-base/node-param-type-options-max-value-present': 'off',
		},
	},
	{ files: ['nodes/**/*.ts', 'credentials/**/*.ts'], rules: { '@typescript-eslint/no-explicit-any': 'error' } },
	{ files: ['package.json'], languageOptions: { parser: tsParser } },
	{ files: ['**/*.ts'], languageOptions: { parser: tsParser } },
];
