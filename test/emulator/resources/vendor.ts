/**
 * Vendors (BILL resource `vendor`): body checks, audit trail, balance, configuration and the
 * international payments configuration; the vendor audit trail report.
 */
import { AP, checkEnum, coll, MAX_PAGE_SIZE, needsTrust, VENDOR, VENDORS_PER_BULK } from '../family/accounts-payable';
import type { Obj } from '../handlers';
import { arrayBody, atElement, forEndpoint, invalid, isError as isErr, isObject, jsonObjectOf, missing, notFound, num, view as out, round2, today, withRecord } from '../handlers';
import type { EmuRecord } from '../store';
import type { CustomHandler, Emulator, EmuRequest, EmuResponse } from '../types';

// ------------------------------------------------------------------ vendors and their audit trail

function userName(emu: Emulator, req: EmuRequest): string {
	return emu.config.users.find((u) => u.userId === req.auth.userId)?.username ?? 'API user';
}

/** Flattens a record into dotted scalar fields (what the audit trail reports). */
function flatten(o: unknown, prefix = '', acc: Record<string, string> = {}): Record<string, string> {
	if (!isObject(o)) return acc;
	for (const [k, v] of Object.entries(o)) {
		if (k.startsWith('_') || ['id', 'createdTime', 'updatedTime', 'balance'].includes(k)) continue;
		const key = prefix ? `${prefix}.${k}` : k;
		if (isObject(v)) flatten(v, key, acc);
		else if (v !== undefined && v !== null) acc[key] = Array.isArray(v) ? JSON.stringify(v) : String(v);
	}
	return acc;
}

/** Records one audit entry per changed field of a vendor (BILL: "records for each create and edit operation"). */
export function audit(emu: Emulator, req: EmuRequest, vendorId: string, before: Obj | undefined, after: Obj | undefined): void {
	const a = flatten(before);
	const b = flatten(after);
	const trail = coll(emu, req, AP.audit);
	const time = emu.now();
	const type = before ? 'UPDATE' : 'CREATE';
	for (const name of new Set([...Object.keys(a), ...Object.keys(b)])) {
		if (a[name] === b[name]) continue;
		trail.insert(
			{
				vendorId,
				source: 'API',
				type,
				createdTime: time,
				user: { id: req.auth.userId, name: userName(emu, req) },
				field: { name, value: { previous: a[name] ?? null, current: b[name] ?? null } },
			},
			{ bare: true, prefix: '0au' },
		);
	}
}

const VENDOR_ACCOUNT_TYPES = ['BUSINESS', 'PERSON', 'NONE'];
/** BILL's currency enum (API reference, bill/payment currency), kept here apart from the node's copy. */
export const CURRENCIES = (
	'AED,AFN,ALL,AMD,ANG,AOA,ARS,AUD,AWG,AZN,BAM,BBD,BDT,BGN,BHD,BIF,BMD,BND,BOB,BRL,BSD,BTN,BWP,BYN,BZD,CAD,CDF,CHF,' +
	'CLP,CNY,COP,CRC,CUC,CUP,CVE,CZK,DJF,DKK,DOP,DZD,EGP,ERN,ETB,EUR,FJD,FKP,GBP,GEL,GGP,GHS,GIP,GMD,GNF,GTQ,GYD,HKD,' +
	'HNL,HRK,HTG,HUF,IDR,ILS,IMP,INR,IQD,IRR,ISK,JEP,JMD,JOD,JPY,KES,KGS,KHR,KMF,KPW,KRW,KWD,KYD,KZT,LAK,LBP,LKR,LRD,' +
	'LSL,LYD,MAD,MDL,MGA,MKD,MMK,MNT,MOP,MRU,MUR,MVR,MWK,MXN,MYR,MZN,NAD,NGN,NIO,NOK,NPR,NZD,OMR,PAB,PEN,PGK,PHP,PKR,' +
	'PLN,PYG,QAR,RON,RSD,RUB,RWF,SAR,SBD,SCR,SDG,SEK,SGD,SHP,SLE,SLL,SOS,SPL,SRD,STN,SVC,SYP,SZL,THB,TJS,TMT,TND,TOP,' +
	'TRY,TTD,TVD,TWD,TZS,UAH,UGX,USD,UYU,UZS,VEF,VND,VUV,WST,XAF,XCD,XDR,XOF,XPF,YER,ZAR,ZMW,ZWD'
).split(',');

function checkVendorBody(emu: Emulator, req: EmuRequest, b: Obj, creating: boolean): EmuResponse | undefined {
	if (creating) {
		if (typeof b.name !== 'string' || b.name.trim() === '') return missing('name');
		if (!isObject(b.address)) return missing('address');
	}
	const e = checkEnum('accountType', b.accountType, VENDOR_ACCOUNT_TYPES) ?? checkEnum('billCurrency', b.billCurrency, CURRENCIES);
	if (e) return e;
	if (b.email !== undefined && (typeof b.email !== 'string' || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(b.email))) return invalid('email', b.email);
	if (isObject(b.address) && b.address.country !== undefined && !/^[A-Z]{2}$/.test(String(b.address.country))) {
		return invalid('address.country', b.address.country, 'Use a two-letter ISO country code');
	}
	if (isObject(b.autoPay) && b.autoPay.enabled === true) {
		const t = needsTrust(emu, req);
		if (t) return t;
		const bankId = b.autoPay.bankAccountId;
		if (bankId !== undefined && !coll(emu, req, AP.banks).get(String(bankId))) return invalid('autoPay.bankAccountId', bankId);
	}
	return undefined;
}

/** Fields BILL adds to a vendor it creates. */
function vendorDefaults(b: Obj): Obj {
	return {
		accountType: 'NONE',
		billCurrency: 'USD',
		bankAccountStatus: 'UNDEFINED',
		recurringPayments: false,
		networkStatus: 'NOT_CONNECTED',
		balance: { amount: 0 },
		...b,
		paymentInformation: { payByType: 'CHECK', ...(isObject(b.paymentInformation) ? b.paymentInformation : {}) },
	};
}

/** A bank account given in `paymentInformation.bankAccount` also becomes the vendor's bank account. */
function syncVendorBank(emu: Emulator, req: EmuRequest, vendor: EmuRecord): void {
	const info = vendor.paymentInformation;
	const bank = isObject(info) ? info.bankAccount : undefined;
	if (!isObject(bank) || typeof bank.accountNumber !== 'string') return;
	const banks = coll(emu, req, AP.vendorBankAccounts);
	const existing = banks.find((r) => r.vendorId === vendor.id);
	if (existing) banks.remove(existing.id);
	banks.insert(
		{ vendorId: vendor.id, type: 'CHECKING', ownerType: 'BUSINESS', paymentCurrency: 'USD', ...bank, _addedDate: today(emu) },
		{ bare: true, prefix: 'vba' },
	);
	vendor.bankAccountStatus = 'PENDING';
	(info as Obj).payByType = 'ACH';
}

function createVendor(emu: Emulator, req: EmuRequest, b: Obj): EmuRecord {
	const vendor = coll(emu, req, AP.vendors).insert(vendorDefaults(b));
	syncVendorBank(emu, req, vendor);
	audit(emu, req, vendor.id, undefined, out(emu, vendor));
	return vendor;
}

/** Sum of the due amounts of a vendor's open bills (call after changing a bill's amounts). */
export function refreshVendorBalance(emu: Emulator, req: EmuRequest, vendorId: unknown): void {
	if (typeof vendorId !== 'string') return;
	const vendors = coll(emu, req, AP.vendors);
	const v = vendors.get(vendorId);
	if (!v) return;
	const amount = round2(
		coll(emu, req, AP.bills)
			.list((b) => b.vendorId === vendorId && b.archived !== true)
			.reduce((s, b) => s + num(b.dueAmount), 0),
	);
	v.balance = { amount, lastUpdatedDate: emu.now() };
}

/** Wraps a generic vendor operation so that it leaves an audit record. */
function audited(operation: 'update' | 'archive' | 'restore'): CustomHandler {
	return forEndpoint(operation === 'update' ? 'PATCH /v3/vendors/{vendorId}' : `POST /v3/vendors/{vendorId}/${operation}`, (req, emu: Emulator) => {
		const id = req.params.vendorId;
		const before = coll(emu, req, AP.vendors).get(id);
		const snapshot = before ? (JSON.parse(JSON.stringify(out(emu, before))) as Obj) : undefined;
		if (operation === 'update') {
			const b = jsonObjectOf(req);
			if (isErr(b)) return b;
			const err = checkVendorBody(emu, req, b, false);
			if (err) return err;
		}
		const res = emu.generic(req);
		const after = coll(emu, req, AP.vendors).get(id);
		if ((res.status ?? 200) < 300 && after) {
			if (operation === 'update') syncVendorBank(emu, req, after);
			audit(emu, req, id, snapshot, out(emu, after));
			return { ...res, body: out(emu, after) };
		}
		return res;
	});
}

// ------------------------------------------------------------------ international configuration [inferred rules]

/** Countries whose accounts are IBANs (SEPA and a few more). */
const IBAN_COUNTRIES = new Set(
	'AD AT BE BG CH CY CZ DE DK EE ES FI FO FR GB GI GL GR HR HU IE IS IT LI LT LU LV MC MT NL NO PL PT RO SE SI SK SM VA AE SA IL TR'.split(' '),
);
/** Currencies whose payments need a payment purpose code. */
const PURPOSE_CURRENCIES = new Set(['INR', 'CNY', 'AED', 'MYR', 'PHP', 'THB', 'IDR', 'BHD', 'JOD', 'KWD', 'OMR', 'QAR', 'SAR']);

function internationalConfiguration(country: string, currency: string, accountType: string): Obj {
	const fields: Obj[] = [];
	if (country !== 'US') {
		if (IBAN_COUNTRIES.has(country)) {
			fields.push({ name: 'accountNumber', description: 'IBAN of the vendor bank account', regularExpression: '^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$', required: true });
		} else {
			fields.push({ name: 'accountNumber', description: 'Vendor bank account number', regularExpression: '^[A-Za-z0-9]{4,34}$', required: true });
		}
		fields.push({ name: 'swiftCode', description: 'SWIFT / BIC code of the bank', regularExpression: '^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$', required: true });
		if (accountType === 'PERSON') fields.push({ name: 'beneficiaryAddress', description: 'Address of the account holder', regularExpression: '^.{5,140}$', required: true });
	}
	const purposeRequired = PURPOSE_CURRENCIES.has(currency);
	return {
		paymentPurpose: purposeRequired
			? {
					required: true,
					type: 'CODE',
					codes: [
						{ name: 'Payment for goods', value: 'GOODS' },
						{ name: 'Payment for services', value: 'SERVICES' },
						{ name: 'Software licenses', value: 'SOFTWARE' },
					],
				}
			: { required: false, type: 'TEXT', codes: [] },
		validations: { fields },
	};
}

// ------------------------------------------------------------------ vendor handlers

const vendorHandlers: CustomHandler[] = [
	forEndpoint('POST /v3/vendors', (req, emu: Emulator) => {
		const b = jsonObjectOf(req);
		if (isErr(b)) return b;
		const err = checkVendorBody(emu, req, b, true);
		if (err) return err;
		return { status: 201, body: out(emu, createVendor(emu, req, b)) };
	}),
	forEndpoint('POST /v3/vendors/bulk', (req, emu: Emulator) => {
		const els = arrayBody(req, VENDORS_PER_BULK, 'vendors');
		if (isErr(els)) return els;
		for (const [i, el] of els.entries()) {
			if (!isObject(el)) return invalid(`[${i}]`, el);
			const err = checkVendorBody(emu, req, el, true);
			if (err) return atElement(i, err);
		}
		return { status: 201, body: { vendors: (els as Obj[]).map((el) => out(emu, createVendor(emu, req, el))) } };
	}),
	audited('update'),
	audited('archive'),
	audited('restore'),
	forEndpoint('GET /v3/vendors/{vendorId}/configuration', withRecord({
		find: VENDOR,
		handle(req, emu: Emulator, v) {
			const country = isObject(v.address) && typeof v.address.country === 'string' ? v.address.country : 'US';
			return { body: { internationalPayments: internationalConfiguration(country, String(v.billCurrency ?? 'USD'), String(v.accountType ?? 'BUSINESS')) } };
		},
	})),
	forEndpoint('GET /v3/vendors/configuration/international-payments', (req) => {
		const { country, billCurrency, accountType } = req.query;
		for (const [k, v] of Object.entries({ country, billCurrency, accountType })) if (v === undefined || v === '') return missing(k);
		if (!/^[A-Z]{2}$/.test(country)) return invalid('country', country, 'Use a two-letter ISO country code');
		const e = checkEnum('billCurrency', billCurrency, CURRENCIES) ?? checkEnum('accountType', accountType, VENDOR_ACCOUNT_TYPES);
		if (e) return e;
		return { body: internationalConfiguration(country, billCurrency, accountType) };
	}),
	forEndpoint('GET /v3/reports/audit-trail/vendor/{vendorId}', withRecord({
		find: VENDOR,
		handle(req, emu: Emulator, v) {
			// [inferred] includeArchived: an archived vendor's trail is shown only when asked for.
			if (v.archived === true && req.query.includeArchived !== 'true') return notFound();
			const max = req.query.max === undefined ? 20 : Number(req.query.max);
			if (!Number.isInteger(max) || max < 1 || max > MAX_PAGE_SIZE) return invalid('max', req.query.max);
			const start = req.query.start === undefined ? 0 : Number(req.query.start);
			if (!Number.isInteger(start) || start < 0) return invalid('start', req.query.start);
			const records = coll(emu, req, AP.audit).list((r) => r.vendorId === v.id);
			return {
				body: records.slice(start, start + max).map((r) => ({ source: r.source, type: r.type, createdTime: r.createdTime, user: r.user, field: r.field })),
			};
		},
	})),
];

export const handlers: CustomHandler[] = [
	...vendorHandlers,
];
