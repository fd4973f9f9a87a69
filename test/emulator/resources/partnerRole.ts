/**
 * Partner roles (BILL resource `partnerRole`): the roles of the organization the `organizationId` header picks.
 */
import { orgGeneric } from '../family/partner';
import { forOperation } from '../handlers';
import type { CustomHandler } from '../types';

const roleHandlers: CustomHandler[] = [
	forOperation('partnerRole', 'getAll', orgGeneric),
	forOperation('partnerRole', 'get', orgGeneric),
];

export const handlers: CustomHandler[] = [
	...roleHandlers,
];
