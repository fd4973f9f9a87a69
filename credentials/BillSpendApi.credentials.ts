import type { IAuthenticateGeneric, ICredentialTestRequest, ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

import { CONNECT_BASE_EXPRESSION } from '../nodes/Bill/transport/environment';
import { environmentProperties } from './common';

/** BILL Spend & Expense API: a token generated in the S&E web app, sent as the `apiToken` header. */
export class BillSpendApi implements ICredentialType {
	name = 'billSpendApi';

	displayName = 'BILL Spend & Expense API';

	icon: Icon = { light: 'file:../icons/bill.svg', dark: 'file:../icons/bill.dark.svg' };

	documentationUrl = 'https://developer.bill.com/docs/spend-expense-api-authentication';

	properties: INodeProperties[] = [
		...environmentProperties,
		{
			displayName: 'API Token',
			name: 'apiToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			hint: 'In the Spend & Expense web app: Profile → Settings → API tokens → Generate new token. Needs the S&E Admin role. BILL allows 60 calls per minute.',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: { headers: { apiToken: '={{$credentials.apiToken}}' } },
	};

	test: ICredentialTestRequest = {
		request: { baseURL: CONNECT_BASE_EXPRESSION, url: '/v3/spend/users/current', method: 'GET' },
	};
}
