import type { ResourceDef } from '../../catalog/types';
import { vendor } from './vendor';

/** Connect API resources (AP, AR, classifications, network, organization, MFA). */
export const connectResources: ResourceDef[] = [vendor];
