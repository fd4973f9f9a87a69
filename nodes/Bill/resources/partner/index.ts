import type { ResourceDef } from '../../catalog/types';
import { partnerOrganization } from './organization';
import { partnerSession } from './session';
import { partnerRiskVerification, partnerRole, partnerUser } from './user';

/** Partner API resources (`/v3/partner/...`, credential billPartnerApi: partner session + app key). */
export const partnerResources: ResourceDef[] = [
	partnerSession,
	partnerOrganization,
	partnerUser,
	partnerRole,
	partnerRiskVerification,
];
