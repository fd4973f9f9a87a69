import type { FieldDef } from '../catalog/types';
import { defineResource } from './shared/operations';

/**
 * BILL's MFA flow (developer.bill.com and the MFA requests of BILL's Postman collection,
 * test/fixtures/bill-v3-api.postman_collection.json):
 * 1. setup, once per phone: Add Phone → six-digit code by text or voice → Validate Phone;
 * 2. sign-in: Generate Challenge → code to the registered phone → Validate Challenge with
 *    Remember Me → `rememberMeId` (valid 30 days), and the current session is MFA-trusted;
 * 3. re-use: put `rememberMeId` and the device name in the BILL credential (every login is then
 *    trusted), or call Step Up on an open session.
 * Production BILL requires a trusted session for payments, bulk payments, bank accounts, vendor
 * auto-pay and recurring bill auto-payment.
 */
export const rememberMeExplanation =
	'A Remember Me ID (valid 30 days) makes sessions MFA-trusted, which production BILL requires for payments, bank accounts and auto-pay. Put it with its device name in the BILL credential so every session the node opens is trusted.';

const phoneTypeField: FieldDef = {
	name: 'type',
	label: 'Delivery',
	type: 'options',
	required: true,
	default: 'TEXT',
	// TEXT is in BILL's examples; BILL's docs say the code comes by text or voice call [inferred: VOICE].
	options: [
		{ name: 'Text Message', value: 'TEXT' },
		{ name: 'Voice Call', value: 'VOICE' },
	],
	description: 'How BILL sends the six-digit code',
};

const deviceField = (required: boolean): FieldDef => ({
	name: 'device',
	type: 'string',
	required,
	default: required ? 'n8n' : undefined,
	description: 'Nickname of the device the Remember Me ID belongs to (use the same name in the credential)',
});

export const mfa = defineResource({
	value: 'mfa',
	name: 'MFA',
	api: 'connect',
	description: 'Multi-factor authentication: register phones and obtain the Remember Me ID for MFA-trusted sessions',
	operations: [
		{
			operation: 'addPhone',
			name: 'Add Phone',
			action: 'Add a phone for MFA',
			description: 'Step 1 of MFA setup: add a phone; BILL sends it a six-digit code and returns a setup ID for Validate Phone',
			method: 'POST',
			path: '/v3/mfa/setup',
			kind: 'action',
			body: [
				{ name: 'phone', type: 'string', required: true, placeholder: '4155550100', description: 'Phone number that receives the codes' },
				phoneTypeField,
			],
			hint: 'BILL sends a code to the phone (limited to 5 per minute). Then run MFA → Validate Phone with the setup ID and that code. The phone becomes your primary MFA phone: since March 2026 BILL has no backup phones.',
		},
		{
			operation: 'validatePhone',
			name: 'Validate Phone',
			action: 'Validate a phone for MFA',
			description: 'Step 2 of MFA setup: confirm the phone with the code BILL sent; the phone is then registered for MFA sign-in',
			method: 'POST',
			path: '/v3/mfa/setup/validate',
			kind: 'action',
			body: [
				{ name: 'setupId', label: 'Setup ID', type: 'string', required: true, description: 'Setup ID returned by Add Phone' },
				phoneTypeField,
				{ name: 'token', label: 'Code', type: 'string', typeOptions: { password: true }, required: true, placeholder: '123456', description: 'Six-digit code BILL sent to the phone' },
			],
		},
		{
			operation: 'getPhones',
			name: 'Get Phones',
			action: 'Get MFA phones',
			description: 'List the phones registered for MFA (type, last four digits, primary)',
			method: 'GET',
			path: '/v3/mfa/phones',
			kind: 'list',
			pagination: 'none',
		},
		{
			operation: 'generateChallenge',
			name: 'Generate Challenge',
			action: 'Generate an MFA challenge',
			description: 'Step 1 of MFA sign-in: BILL sends a six-digit code to the registered phone and returns a challenge ID for Validate Challenge',
			method: 'POST',
			path: '/v3/mfa/challenge',
			kind: 'action',
			// BILL (changelog 2026-02-06 and 2026-04-03): useBackup is optional and may only be false; sending it
			// gives the request the JSON body BILL's example has (an empty object was dropped on the way).
			fixedBody: { useBackup: false },
			hint: 'BILL sends a text message to your primary MFA phone (limited to 5 per minute). Then run MFA → Validate Challenge with the challenge ID and the code.',
		},
		{
			operation: 'validateChallenge',
			name: 'Validate Challenge',
			action: 'Validate an MFA challenge',
			description:
				'Step 2 of MFA sign-in: answer the challenge with the code; the session becomes MFA-trusted and, with Remember Me, BILL returns a Remember Me ID valid 30 days',
			method: 'POST',
			path: '/v3/mfa/challenge/validate',
			kind: 'action',
			body: [
				{ name: 'challengeId', label: 'Challenge ID', type: 'string', required: true, description: 'Challenge ID returned by Generate Challenge' },
				{ name: 'token', label: 'Code', type: 'string', typeOptions: { password: true }, required: true, placeholder: '123456', description: 'Six-digit code BILL sent to the phone' },
				{ name: 'rememberMe', type: 'boolean', default: true, description: 'Whether BILL returns a Remember Me ID valid for 30 days' },
				deviceField(false),
				{ name: 'machineName', type: 'string', description: 'Nickname of the machine that completed the sign-in (set with Remember Me)' },
			],
			hint: rememberMeExplanation,
		},
		{
			operation: 'stepUp',
			name: 'Step Up Session',
			action: 'Make the session MFA-trusted',
			description: 'Mark the current session as MFA-trusted with a Remember Me ID, for sessions opened without one',
			method: 'POST',
			path: '/v3/mfa/step-up',
			kind: 'action',
			// BILL's schema marks both optional, but the call trusts nothing without them [inferred].
			body: [
				{ name: 'rememberMeId', label: 'Remember Me ID', type: 'string', required: true, description: 'Remember Me ID returned by Validate Challenge' },
				deviceField(true),
			],
			hint: rememberMeExplanation,
		},
	],
});
