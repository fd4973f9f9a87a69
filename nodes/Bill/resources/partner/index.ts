import type { ResourceDef } from '../../catalog/types';

export const partnerResources: ResourceDef[] = [];
