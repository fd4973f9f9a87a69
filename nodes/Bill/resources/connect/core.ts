import type { ResourceDef } from '../../catalog/types';
import { classificationResources } from './classification';
import { customer } from './customer';
import { health } from './health';
import { invoice } from './invoice';
import { mfa } from './mfa';
import { network } from './network';
import { organization } from './organization';
import { riskVerification } from './riskVerification';
import { role } from './role';
import { session } from './session';
import { user } from './user';

/** Classifications, AR (customers, invoices), network, organizations, users, roles, MFA, auth, health, risk. */
export const coreResources: ResourceDef[] = [
	customer,
	invoice,
	...classificationResources,
	network,
	organization,
	user,
	role,
	session,
	mfa,
	riskVerification,
	health,
];
