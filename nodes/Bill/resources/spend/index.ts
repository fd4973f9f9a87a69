import type { ResourceDef } from '../../catalog/types';

export const spendResources: ResourceDef[] = [];
