/**
 * Partner roles (BILL resource `partnerRole`): the roles of the organization the `organizationId` header picks.
 */
import { orgGeneric } from '../family/partner';
import { forEndpoint } from '../handlers';
import type { CustomHandler } from '../types';

const roleHandlers: CustomHandler[] = [
	forEndpoint('GET /v3/partner/roles', orgGeneric),
	forEndpoint('GET /v3/partner/roles/{roleId}', orgGeneric),
];

export const handlers: CustomHandler[] = [
	...roleHandlers,
];
