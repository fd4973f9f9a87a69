import type { ResourceDef } from '../../catalog/types';
import { vendor } from './vendor';

/** AP resources: vendors, bills, payments, recurring bills, documents, attachments, funding accounts, reports. */
export const apResources: ResourceDef[] = [vendor];
