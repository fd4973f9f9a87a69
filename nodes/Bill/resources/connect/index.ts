import type { ResourceDef } from '../../catalog/types';
import { apResources } from './ap';
import { coreResources } from './core';

/** Connect API resources (AP, AR, classifications, network, organization, MFA). */
export const connectResources: ResourceDef[] = [...apResources, ...coreResources];
