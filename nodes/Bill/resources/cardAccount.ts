import { defineResource, getOp, listOp, type Noun } from './shared/operations';
import { idField } from './shared/ids';
import type { FieldDef } from '../catalog/types';

const noun: Noun = { one: 'card account', many: 'card accounts' };

const CARDS_PATH = '/v3/funding-accounts/cards';

/** BILL requires it on the card account list (and so for its fee rates). */
const cardUserStatus: FieldDef = {
	name: 'cardUserStatus',
	type: 'options',
	required: true,
	default: 'VERIFIED',
	options: [
		{ name: 'Verified', value: 'VERIFIED', description: 'Cards the users may pay with' },
		{ name: 'Nominated', value: 'NOMINATED', description: 'Cards whose users still have to verify their identity' },
	],
};

/** Credit and debit cards your organization pays bills with. */
export const cardAccount = defineResource({
	value: 'cardAccount',
	name: 'Card Account',
	api: 'connect',
	description: 'Credit and debit cards your organization pays bills with, and their users',
	operations: [
		listOp(
			noun,
			CARDS_PATH,
			{
				pagination: 'none',
				description: 'List the card accounts of your organization whose users are verified or nominated (one item per card)',
				query: [cardUserStatus],
			},
			{ response: { unwrap: 'cards' } },
		),
		{
			operation: 'getFeeRates',
			name: 'Get Fee Rates',
			action: 'Get card fee rates',
			description:
				"Get the organization's card payment fees: the default card account, the credit and debit card rates, and an active promotion's rates and dates",
			method: 'GET',
			// BILL answers the fees beside the cards: `{rates: {defaultCardAccountId, funding, activePromotion}, cards}`
			// (API reference listpayablecardaccounts, changelog 2024-09-16); this operation outputs `rates`.
			path: CARDS_PATH,
			viewOf: 'getAll',
			kind: 'get',
			query: [cardUserStatus],
			response: { unwrap: 'rates' },
		},
		getOp(noun, '/v3/funding-accounts/cards/{cardAccountId}', idField('cardAccountId', { label: 'Card Account', what: 'The card account' })),
		{
			operation: 'getFundingPurposes',
			name: 'Get Funding Purposes',
			action: 'Get card funding purposes',
			description:
				"List the card funding purposes you may set on a card payment to a vendor when BILL cannot identify the vendor's industry. An empty answer means none is needed.",
			method: 'GET',
			path: '/v3/funding-accounts/cards/funding-purposes',
			kind: 'get',
			query: [
				idField('vendorId', { label: 'Vendor', what: 'The vendor to pay', prefix: '009', locator: 'vendor' }),
				{ name: 'brand', type: 'string', required: true, placeholder: 'visa', description: 'Card brand, e.g. visa or mastercard' },
			],
		},
		listOp(
			{ many: 'card account users' },
			'/v3/funding-accounts/cards/users',
			{
				description:
					'List who may pay with which card account. A user whose verification status is NOMINATED must verify their identity before paying.',
				query: [{ name: 'currentUser', type: 'boolean', default: false, description: 'Whether to list only the signed-in user' }],
				filterFields: ['id', 'cardAccountId', 'userId', 'verificationStatus', 'archived'],
				sortFields: ['archived'],
			},
			{ operation: 'getUsers', name: 'Get Users' },
		),
	],
});
