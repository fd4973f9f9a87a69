import type { ResourceDef } from '../../catalog/types';

export const webhooksResources: ResourceDef[] = [];
