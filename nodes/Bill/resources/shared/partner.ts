import type { FieldDef } from '../../catalog/types';
import { idField } from './ids';

/** An organization created by your partner account, picked from Partner Organization → Get Many. */
export const partnerOrganizationIdField = (what: string): FieldDef =>
	idField('organizationId', { label: 'Organization', what: `${what} (created by your partner account)`, prefix: '008', locator: 'partnerOrganization' });

/**
 * The child organization a partner call acts on. BILL wants it as an `organizationId` HTTP header on
 * partner user, role and risk-verification calls (besides the partner `sessionId` and `appKey`).
 */
export const organizationIdHeader: FieldDef = {
	name: 'organizationId',
	label: 'Organization',
	type: 'string',
	required: true,
	locator: 'partnerOrganization',
	idPrefix: '008',
	description: 'The organization (created by your partner account) to act on. IDs begin with `008`. Sent as the `organizationId` header.',
};

export const partnerUserIdParam: FieldDef = {
	name: 'userId',
	label: 'User ID',
	type: 'string',
	required: true,
	idPrefix: '006',
	description: 'The user of the organization. IDs begin with `006`.',
};
