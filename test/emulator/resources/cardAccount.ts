/**
 * Card accounts (BILL resource `cardAccount`): list, funding purposes, users.
 */
import { activeVendor, AP, checkEnum, coll } from '../family/accounts-payable';
import { forEndpoint, isError as isErr, isObject, missing, view as out } from '../handlers';
import type { CustomHandler, Emulator } from '../types';
import { fundingUsers } from './fundingAccount';

const cardAccountHandlers: CustomHandler[] = [
	forEndpoint('GET /v3/funding-accounts/cards', (req, emu: Emulator) => {
		const status = req.query.cardUserStatus;
		if (status === undefined || status === '') return missing('cardUserStatus');
		const e = checkEnum('cardUserStatus', status, ['VERIFIED', 'NOMINATED']);
		if (e) return e;
		const mine = new Set(
			coll(emu, req, AP.cardUsers)
				.list((u) => u.userId === req.auth.userId && u.archived !== true && u.verificationStatus === status)
				.map((u) => u.cardAccountId),
		);
		const cards = coll(emu, req, AP.cards).list((c) => mine.has(c.id) && c.archived !== true);
		const def = cards.find((c) => isObject(c.default) && c.default.payables === true);
		return {
			body: {
				rates: { defaultCardAccountId: def?.id ?? null, funding: { creditCardRate: 2.9, debitCardRate: 2.9 } },
				cards: cards.map((c) => out(emu, c)),
			},
		};
	}),
	forEndpoint('GET /v3/funding-accounts/cards/funding-purposes', (req, emu: Emulator) => {
		const vendor = activeVendor(emu, req, req.query.vendorId);
		if (isErr(vendor)) return vendor;
		if (req.query.brand === undefined || req.query.brand === '') return missing('brand');
		// [inferred] vendors with a tax ID are "identified": no funding purpose needed (empty 200, as BILL).
		if (isObject(vendor.additionalInfo) && vendor.additionalInfo.taxId) return { status: 200 };
		return {
			body: {
				lastUsedPurpose: null,
				results: [
					{ category: 'Business services', subCategories: ['Consulting', 'Marketing', 'Software'] },
					{ category: 'Goods', subCategories: ['Inventory', 'Office supplies', 'Equipment'] },
					{ category: 'Rent and utilities', subCategories: ['Rent', 'Utilities'] },
				],
			},
		};
	}),
	forEndpoint('GET /v3/funding-accounts/cards/users', fundingUsers(AP.cardUsers)),
];

export const handlers: CustomHandler[] = [
	...cardAccountHandlers,
];
