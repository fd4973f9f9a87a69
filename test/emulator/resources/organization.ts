/**
 * Organizations (BILL resource `organization`): details, industries, price plan, billing statements.
 */
import { BDC, bdcError } from '../errors';
import { EXTRA } from '../family/accounts-payable';
import { checkEnum, INDUSTRIES, requireAdmin } from '../family/connect';
import type { Guard, Obj, RecordRef } from '../handlers';
import { changeRecord, DATE_RE, forEndpoint, invalidText as invalid, invalid as invalidValue, isError, isObject, jsonObjectOf, withGuard, withRecord } from '../handlers';
import type { Collection, EmuRecord } from '../store';
import type { CustomHandler, Emulator } from '../types';

/* ------------------------------------------------------------------ organizations */

/** Details BILL keeps on an organization, used where the emulator's records lack them. */
function organizationDefaults(name: string): Record<string, unknown> {
	const address = { line1: '1 Emulator Way', city: 'San Jose', stateOrProvince: 'CA', zipOrPostalCode: '95002', country: 'US', countryName: 'United States' };
	return {
		name,
		address,
		mailingAddress: { ...address },
		phone: '4155550100',
		companyOwner: { name: 'Emma Ulator' },
		taxIdType: 'EIN',
		industry: 'Software',
		businessCategory: 'LLC',
		accountType: 'BUSINESS',
		processingOptions: { mailingAddressSameAsPhysical: true, individualTransferOut: false, individualTransferIn: false },
	};
}

/** Completes an organization record with BILL's fields it does not have yet (keeps what it has). */
export function completeOrganization(coll: Collection, orgId: string, name: string): EmuRecord {
	const rec = coll.get(orgId) ?? coll.insert({ name }, { id: orgId });
	for (const [k, v] of Object.entries(organizationDefaults(String(rec.name ?? name)))) if (rec[k] === undefined || rec[k] === null) rec[k] = v;
	return rec;
}

/** The caller's organization record (only your own organization is visible). */
const ORGANIZATION: RecordRef = {
	collection: 'organizations',
	find(emu: Emulator, req) {
		const orgId = req.params.organizationId;
		if (orgId !== req.auth.organizationId) return bdcError(400, BDC.invalidOrg.code, BDC.invalidOrg.message);
		const configured = emu.config.organizations.find((o) => o.id === orgId);
		return completeOrganization(emu.collection(req, 'organizations'), orgId, configured?.name ?? 'Emulator Org');
	},
};

const ORG_FIELDS = ['name', 'address', 'mailingAddress', 'phone', 'companyOwner', 'taxId', 'taxIdType', 'industry', 'businessCategory', 'accountType', 'processingOptions'];

const organizationHandlers: CustomHandler[] = [
	forEndpoint('GET /v3/organizations/industries', () => ({ body: { results: [...INDUSTRIES] } })),
	forEndpoint('GET /v3/organizations/{organizationId}', withRecord({ guard: requireAdmin, find: ORGANIZATION, handle: (_req, emu: Emulator, org) => ({ body: emu.view(org) }) })),
	forEndpoint('PATCH /v3/organizations/{organizationId}', changeRecord({
		guard: requireAdmin,
		find: ORGANIZATION,
		mode: 'update',
		change(req) {
			const b = jsonObjectOf(req);
			if (isError(b)) return b;
			for (const k of Object.keys(b)) if (!ORG_FIELDS.includes(k)) return invalid(k, JSON.stringify(b[k]));
			if (b.taxIdType !== undefined) {
				const e = checkEnum('taxIdType', b.taxIdType, ['EIN', 'SSN']);
				if (e) return e;
			}
			if (b.industry !== undefined && !INDUSTRIES.includes(String(b.industry))) return invalid('industry', b.industry);
			// BILL changelog 2025-11-05: individualTransferOut / individualTransferIn, booleans (ACH transfer rules).
			// [inferred] under processingOptions, beside mailingAddressSameAsPhysical.
			if (b.processingOptions !== undefined) {
				if (!isObject(b.processingOptions)) return invalid('processingOptions', JSON.stringify(b.processingOptions));
				for (const [k, v] of Object.entries(b.processingOptions)) {
					if (!['mailingAddressSameAsPhysical', 'individualTransferOut', 'individualTransferIn'].includes(k) || typeof v !== 'boolean') return invalid(`processingOptions.${k}`, JSON.stringify(v));
				}
			}
			if (isObject(b.companyOwner) && b.companyOwner.dateOfBirth !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(String(b.companyOwner.dateOfBirth))) {
				return invalid('companyOwner.dateOfBirth', b.companyOwner.dateOfBirth);
			}
			return b;
		},
	})),
	forEndpoint('GET /v3/organizations/{organizationId}/price-plan', withRecord({
		guard: requireAdmin,
		find: ORGANIZATION,
		handle() {
			return {
				body: {
					id: 'ppl01EMUESSENTIALS',
					name: 'Essentials',
					monthlyPrice: 45,
					allowTrial: true,
					priceVariesPerUser: true,
					planTerms: [
						{ type: 'USER', name: 'users', tier: 1, quantity: 5, price: 45 },
						{ type: 'USER', name: 'users', tier: 2, quantity: 10, price: 40 },
						{ type: 'TRANSACTION', name: 'achPayments', tier: 1, quantity: 0, price: 0.59 },
					],
				},
			};
		},
	})),
];

// `invalidValue` below is handlers.ts `invalid` (JSON for objects); this module's `invalid` is `invalidText`.

/** Three monthly statements for each organization (the months before the emulator's clock). */
function ensureStatements(emu: Emulator, orgId: string): Collection {
	const c = emu.store.collection(EXTRA.statements, orgId);
	if (c.size > 0) return c;
	const now = new Date(emu.nowMs());
	for (let k = 3; k >= 1; k--) {
		const start = new Date(Date.UTC(now.getUTCFullYear(),
		now.getUTCMonth() - k,
		1));
		const end = new Date(Date.UTC(now.getUTCFullYear(),
		now.getUTCMonth() - k + 1,
		0));
		const invoiceDate = new Date(end.getTime() + 86400000).toISOString().slice(0, 10);
		const amount = 45 + 10 * k;
		c.insert(
			{
				amount,
		billingPeriod: { startDate: start.toISOString().slice(0, 10), endDate: end.toISOString().slice(0, 10) },
		description: `BILL subscription ${start.toISOString().slice(0, 7)}`,
		invoiceDate,
		invoiceNumber: `BS-${start.toISOString().slice(0, 7).replace('-', '')}`,
		paymentStatus: k === 1 ? 'UNPAID' : 'PAID',
		paymentDate: k === 1 ? null : invoiceDate,
		_statementDetails: [
					{ quantity: 1, description: 'Monthly subscription', type: 'SUBSCRIPTION', amount: 45 },
					{ quantity: k, description: 'ACH payments', type: 'TRANSACTION_FEE', amount: 10 * k },
				],
		_scope: { organizationId: orgId },
		},
			{ bare: true,
		prefix: '0bs' },
		);
	}
	return c;
}

/** Only the caller's own organization's statements are visible. */
const callerOrg: Guard = (_emu, req) => (req.params.organizationId === req.auth.organizationId ? undefined : bdcError(400, BDC.invalidOrg.code, BDC.invalidOrg.message));

const STATEMENT: RecordRef = {
	collection: EXTRA.statements,
	find: (emu: Emulator, req) => ensureStatements(emu, req.params.organizationId).get(req.params.billingStatementId),
};

const statementHandlers: CustomHandler[] = [
	forEndpoint('GET /v3/organizations/{organizationId}/billing-statements', withGuard({
		guard: callerOrg,
		handle(req, emu: Emulator) {
			for (const k of ['invoiceDateFrom', 'invoiceDateTo']) if (req.query[k] !== undefined && !DATE_RE.test(req.query[k])) return invalidValue(k, req.query[k]);
			const from = req.query.invoiceDateFrom ?? '0000-00-00';
			const to = req.query.invoiceDateTo ?? '9999-99-99';
			const records = ensureStatements(emu, req.params.organizationId).list((s) => String(s.invoiceDate) >= from && String(s.invoiceDate) <= to);
			return emu.listResponse(req, records);
		},
	})),
	forEndpoint('GET /v3/organizations/{organizationId}/billing-statements/{billingStatementId}', withRecord({
		guard: callerOrg,
		find: STATEMENT,
		handle(req, emu: Emulator, s) {
			const details = (s._statementDetails as Obj[]) ?? [];
			const csv = ['quantity,description,type,amount', ...details.map((x) => `${String(x.quantity)},${String(x.description)},${String(x.type)},${String(x.amount)}`)].join('\n');
			const orgKey = emu.orgKeyOf(req);
			return {
				body: {
					...emu.view(s),
					downloadLink: {
						csv: emu.addDownload(Buffer.from(csv), `${String(s.invoiceNumber)}.csv`, 'text/csv', orgKey),
						pdf: emu.addDownload(Buffer.from(`%PDF-1.4\n% BILL statement ${String(s.invoiceNumber)}\n`), `${String(s.invoiceNumber)}.pdf`, 'application/pdf', orgKey),
					},
					statementDetails: details,
				},
			};
		},
	})),
];

export const handlers: CustomHandler[] = [
	...organizationHandlers,
	...statementHandlers,
];

/** Completes the record of every configured organization (made by the core seed) with BILL's details. */
export function seed(emu: Emulator): void {
	for (const org of emu.config.organizations) completeOrganization(emu.store.collection('organizations', org.id), org.id, org.name ?? org.id);
}
