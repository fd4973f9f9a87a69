import type { OperationDef, ResourceDef } from '../../catalog/types';

/** Resources BILL added after the reference menu (bill approvals, credit memos, …). */
export const extraResources: ResourceDef[] = [];

/** Operations BILL added to resources that exist already (merged in by resource value). */
export const extraOperations: OperationDef[] = [];
