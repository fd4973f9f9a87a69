import type { ResourceDef } from '../../catalog/types';

/** Classifications, AR (customers, invoices), network, organizations, users, roles, MFA, auth, health, risk. */
export const coreResources: ResourceDef[] = [];
