import { defineResource } from './shared/operations';

/**
 * BILL's API session. Login is BILL's `POST /v3/login`; the node runs it through the credential
 * (username, password, organization, developer key and the optional MFA Remember Me ID live
 * there), so the operation has no fields of its own.
 */
export const session = defineResource({
	value: 'session',
	name: 'Session',
	api: 'connect',
	description: 'Your BILL API session: sign in, inspect it, sign out',
	operations: [
		{
			operation: 'login',
			name: 'Log In',
			action: 'Log in to BILL',
			description:
				"Sign in with the credential (or reuse its session) and return what BILL's sign-in returns: organization ID, user ID and whether the session is MFA-trusted; never the session ID. The node signs in on its own when needed; use this to check the credential.",
			method: 'POST',
			path: '/v3/login',
			kind: 'action',
			noAuth: true,
			hint: 'Uses the username, password, organization ID, developer key and MFA Remember Me ID of the credential. BILL allows 200 logins per developer key per hour.',
		},
		{
			operation: 'getSession',
			name: 'Get Session',
			action: 'Get the session details',
			description: 'Get the organization ID, user ID and MFA status of the current session',
			method: 'GET',
			path: '/v3/login/session',
			kind: 'get',
		},
		{
			operation: 'getOrganizations',
			name: 'Get Login Organizations',
			action: 'Get the organizations the session can reach',
			description:
				'List the organizations you can sign in to with this credential (an Accountant Console: its client organizations, with the console organization as their parent). Feed their IDs to Client Organization ID to run a workflow over every client.',
			method: 'GET',
			path: '/v3/login/organizations',
			source: 'changelog',
			kind: 'list',
			pagination: 'page',
			maxPageSize: 100,
		},
		{
			operation: 'logout',
			name: 'Log Out',
			action: 'Log out of BILL',
			description: 'Sign out: BILL ends the current session. The node signs in again on its next call.',
			method: 'POST',
			path: '/v3/logout',
			kind: 'action',
			response: { empty: true },
		},
	],
});
