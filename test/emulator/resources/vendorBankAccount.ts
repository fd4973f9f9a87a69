/**
 * Vendor bank account (BILL resource `vendorBankAccount`): one per vendor.
 */
import { activeVendor, AP, checkEnum, coll, VENDOR } from '../family/accounts-payable';
import type { Obj } from '../handlers';
import { forEndpoint, invalid, isError as isErr, isObject, jsonObjectOf, missing, notFound, view as out, refused, today, withRecord } from '../handlers';
import type { EmuRecord } from '../store';
import type { CustomHandler, Emulator } from '../types';
import { audit, CURRENCIES } from './vendor';

// ------------------------------------------------------------------ vendor bank account (one per vendor)

const VENDOR_BANK_FIELDS = ['nameOnAccount', 'accountNumber', 'routingNumber', 'type', 'ownerType', 'paymentCurrency'];
const vendorBankView = (r: EmuRecord): Obj => Object.fromEntries(VENDOR_BANK_FIELDS.filter((k) => r[k] !== undefined).map((k) => [k, r[k]]));

const vendorBankHandlers: CustomHandler[] = [
	forEndpoint('GET /v3/vendors/{vendorId}/bank-account', withRecord({
		find: VENDOR,
		handle(req, emu: Emulator, vendor) {
			const bank = coll(emu, req, AP.vendorBankAccounts).find((r) => r.vendorId === vendor.id);
			return bank ? { body: vendorBankView(bank) } : notFound();
		},
	})),
	forEndpoint('POST /v3/vendors/{vendorId}/bank-account', (req, emu: Emulator) => {
		const b = jsonObjectOf(req);
		if (isErr(b)) return b;
		const vendor = activeVendor(emu, req, req.params.vendorId);
		if (isErr(vendor)) return vendor;
		const banks = coll(emu, req, AP.vendorBankAccounts);
		// BILL: to change a vendor bank account, delete it, then create the new one.
		if (banks.find((r) => r.vendorId === vendor.id)) {
			return refused(`Vendor ${vendor.id} already has a bank account. Delete it before creating another one.`);
		}
		if (typeof b.accountNumber !== 'string' || b.accountNumber === '') return missing('accountNumber');
		const currency = (b.paymentCurrency as string | undefined) ?? 'USD';
		const e =
			checkEnum('type', b.type, ['CHECKING', 'SAVINGS']) ??
			checkEnum('ownerType', b.ownerType, ['BUSINESS', 'PERSONAL']) ??
			checkEnum('paymentCurrency', b.paymentCurrency, CURRENCIES);
		if (e) return e;
		if (currency === 'USD') {
			if (typeof b.routingNumber !== 'string' || b.routingNumber === '') return missing('routingNumber');
			if (!/^\d{9}$/.test(b.routingNumber)) return invalid('routingNumber', b.routingNumber, 'US routing numbers have 9 digits');
		}
		if (b.regulatoryFields !== undefined) {
			if (!Array.isArray(b.regulatoryFields)) return invalid('regulatoryFields', b.regulatoryFields);
			for (const [i, f] of b.regulatoryFields.entries()) {
				if (!isObject(f) || typeof f.name !== 'string' || typeof f.value !== 'string') return missing(`regulatoryFields[${i}].name/value`);
			}
		}
		const before = JSON.parse(JSON.stringify(out(emu, vendor))) as Obj;
		const rec = banks.insert(
			{ vendorId: vendor.id, nameOnAccount: vendor.name, type: 'CHECKING', ownerType: 'BUSINESS', paymentCurrency: currency, ...b, _addedDate: today(emu) },
			{ bare: true, prefix: 'vba' },
		);
		const info = isObject(vendor.paymentInformation) ? vendor.paymentInformation : (vendor.paymentInformation = {});
		(info as Obj).bankAccount = vendorBankView(rec);
		(info as Obj).payByType = 'ACH';
		vendor.bankAccountStatus = 'PENDING';
		vendor.updatedTime = emu.now();
		audit(emu, req, vendor.id, before, out(emu, vendor));
		return { body: vendorBankView(rec) };
	}),
	forEndpoint('DELETE /v3/vendors/{vendorId}/bank-account', withRecord({
		find: VENDOR,
		handle(req, emu: Emulator, vendor) {
			const banks = coll(emu, req, AP.vendorBankAccounts);
			const bank = banks.find((r) => r.vendorId === vendor.id);
			if (!bank) return notFound();
			const before = JSON.parse(JSON.stringify(out(emu, vendor))) as Obj;
			banks.remove(bank.id);
			if (isObject(vendor.paymentInformation)) {
				delete vendor.paymentInformation.bankAccount;
				vendor.paymentInformation.payByType = 'CHECK';
			}
			vendor.bankAccountStatus = 'UNDEFINED';
			vendor.updatedTime = emu.now();
			audit(emu, req, vendor.id, before, out(emu, vendor));
			return { status: 204 };
		},
	})),
];

export const handlers: CustomHandler[] = [
	...vendorBankHandlers,
];
