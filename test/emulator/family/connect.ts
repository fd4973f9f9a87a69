/**
 * Rules shared by the Connect core resources (customers, invoices, network, organizations, users,
 * MFA, risk verification): fixed facts (MFA code, industries, seeded roles, network directory),
 * per-emulator state (emails sent, message pacing), the administrator check and the seed of roles, users and MFA phones per organization (the organization record's details: resources/organization.ts).
 * Behaviour BILL does not document is marked [inferred].
 */
import { SEED } from '../config';
import { BDC, bdcError } from '../errors';
import { invalidText as invalid, isObject, perEmulator } from '../handlers';
import type { EmuRecord } from '../store';
import type { Emulator, EmuRequest, EmuResponse } from '../types';

/* ------------------------------------------------------------------ constants */

/** The six-digit code every MFA text "sends" in the emulator [inferred: BILL sends a random code]. */
export const MFA_CODE = '123456';

/** Emails and texts BILL sends are limited to 5 per minute (auth.md §7). */
export const MESSAGES_PER_MINUTE = 5;

/** Values BILL returns from `GET /v3/organizations/industries` (a small sample) [inferred list]. */
export const INDUSTRIES = [
	'Accounting',
	'Advertising',
	'Construction',
	'Consulting',
	'Education',
	'Healthcare',
	'Legal Services',
	'Manufacturing',
	'Music',
	'Non-Profit',
	'Real Estate',
	'Restaurants',
	'Retail',
	'Software',
	'Transportation',
];

/** Default user roles BILL provides ("Organizations and Users" guide) plus one custom role. */
export const SEEDED_ROLES = [
	{ type: 'ADMINISTRATOR', description: 'Administrator: full access, manages users and settings' },
	{ type: 'ACCOUNTANT', description: 'Accountant: manages bills, invoices and the general ledger' },
	{ type: 'APPROVER', description: 'Approver: approves bills and payments' },
	{ type: 'PAYER', description: 'Payer: pays approved bills' },
	{ type: 'CLERK', description: 'Clerk: enters bills and invoices' },
	{ type: 'AUDITOR', description: 'Auditor: read-only access' },
	{ type: 'CUSTOM', description: 'Custom role' },
];

interface DirectoryEntry {
	id: string;
	name: string;
	type: string;
	network: 'BILL' | 'RPPS';
	addresses: Array<Record<string, string>>;
	managedBy?: { name: string; email: string; emailDomain: string };
	/** BILL Network organizations with auto-connections on are connected at once. */
	autoConnect?: boolean;
}

/**
 * Organizations in the emulator's BILL Network and verified national vendor (RPPS) network.
 * PNIs of BILL Network organizations are made up (`0nw…`) [inferred]; RPPS ids begin with `0rv`
 * as BILL documents, and their billing addresses carry the `id` BILL asks for as `addressId`.
 */
export const NETWORK_DIRECTORY: DirectoryEntry[] = [
	{
		id: '0nw01EMUHAPPYMUSIC',
		name: 'Happy Music Supplies',
		type: 'BUSINESS',
		network: 'BILL',
		addresses: [{ line1: '123 Main Street', city: 'San Jose', stateOrProvince: 'CA', zipOrPostalCode: '95002', country: 'US' }],
		managedBy: { name: 'Happy Music Supplies', email: 'info@happymusicsupplies.org', emailDomain: 'happymusicsupplies.org' },
		autoConnect: false,
	},
	{
		id: '0nw01EMUPAPERLESSB',
		name: 'Paperless Band',
		type: 'BUSINESS',
		network: 'BILL',
		addresses: [{ line1: '987 Side Street', city: 'San Jose', stateOrProvince: 'CA', zipOrPostalCode: '95002', country: 'US' }],
		managedBy: { name: 'Paperless Band', email: 'contact@paperlessband.org', emailDomain: 'paperlessband.org' },
		autoConnect: true,
	},
	{
		id: '0rv01EMUVERIZON001',
		name: 'Verizon Wireless',
		type: 'BUSINESS',
		network: 'RPPS',
		addresses: [{ id: '0ra01EMUVZADDR0001', line1: 'PO Box 660108', city: 'Dallas', stateOrProvince: 'TX', zipOrPostalCode: '75266', country: 'US' }],
	},
	{
		id: '0rv01EMUPGANDE0001',
		name: 'Pacific Gas and Electric',
		type: 'BUSINESS',
		network: 'RPPS',
		addresses: [{ id: '0ra01EMUPGEADDR001', line1: 'PO Box 997300', city: 'Sacramento', stateOrProvince: 'CA', zipOrPostalCode: '95899', country: 'US' }],
	},
];

export const AR_PAYMENT_TYPES = ['CASH', 'CHECK', 'CREDIT_CARD', 'ACH', 'PAYPAL', 'OTHER'];

/* ------------------------------------------------------------------ per-emulator state */

interface CoreState {
	/** Times (ms) of the emails/texts sent, per developer key / session. */
	messages: Map<string, number[]>;
	/** Emails BILL "sent" (invoices, invitations), for tests. */
	outbox: Array<{ kind: string; to: string[]; invoiceId?: string; vendorId?: string; customerId?: string; time: string }>;
	/** Remember Me IDs this module added to `emu.config.mfaDevices` (removed again on reset). */
	rememberMeIds: Set<string>;
}

export const state = perEmulator<CoreState>(() => ({ messages: new Map(), outbox: [], rememberMeIds: new Set() }));

/** What the emulator "sent" by email (invoice emails, vendor email invitations, network invitations). */
export function sentEmails(emu: Emulator): CoreState['outbox'] {
	return state(emu).outbox;
}

/* ------------------------------------------------------------------ helpers */

export const today = (emu: Emulator) => emu.now().slice(0, 10);

/** Refuses when `value` is not one of `allowed`. */
export function checkEnum(name: string, value: unknown, allowed: string[]): EmuResponse | undefined {
	if (typeof value !== 'string' || !allowed.includes(value)) return invalid(name, value);
	return undefined;
}

/**
 * BILL limits calls that send a text or email to 5 per minute. The error BILL returns is not
 * documented; the emulator answers BDC_1144 with the per-minute figure [inferred].
 */
export function checkMessageLimit(emu: Emulator, req: EmuRequest): EmuResponse | undefined {
	const key = req.auth.limitKey ?? req.auth.sessionId ?? 'anonymous';
	const now = emu.nowMs();
	const log = (state(emu).messages.get(key) ?? []).filter((t) => now - t < 60_000);
	if (log.length >= MESSAGES_PER_MINUTE) {
		state(emu).messages.set(key, log);
		return bdcError(emu.config.limitErrorStatus, BDC.hourlyCap.code, `Max number of allowed requests per minute reached: ${MESSAGES_PER_MINUTE}.`);
	}
	log.push(now);
	state(emu).messages.set(key, log);
	return undefined;
}

/** Role of the signed-in user: configured users first, then users created through the API. */
function roleOf(emu: Emulator, req: EmuRequest): string | undefined {
	const configured = emu.config.users.find((u) => u.userId === req.auth.userId);
	if (configured) return configured.role;
	const rec = emu.collection(req, 'users').get(String(req.auth.userId));
	return isObject(rec?.role) ? String(rec.role.type) : undefined;
}

/**
 * BILL: "The currently signed-in user must have the ADMINISTRATOR user role". The refusal's code is
 * not documented [inferred: 403 BDC_1143].
 */
export function requireAdmin(emu: Emulator, req: EmuRequest): EmuResponse | undefined {
	const role = roleOf(emu, req);
	if (role === 'ADMINISTRATOR' || role === 'ADMIN') return undefined;
	return bdcError(403, 'BDC_1143', 'The signed-in user does not have the ADMINISTRATOR role required for this operation.');
}

/* ------------------------------------------------------------------ seed */

function seedOrg(emu: Emulator, orgId: string): void {
	const roles = emu.store.collection('roles', orgId);
	const roleByType = new Map<string, EmuRecord>();
	for (const r of SEEDED_ROLES) {
		let rec = roles.find((x) => x.type === r.type);
		if (!rec) {
			rec = roles.insert({ type: r.type, description: r.description }, { bare: true });
			rec.createdTime = emu.now();
			rec.updatedTime = rec.createdTime;
		}
		roleByType.set(r.type, rec);
	}
	const users = emu.store.collection('users', orgId);
	for (const u of emu.config.users.filter((x) => x.organizationIds.includes(orgId))) {
		const role = roleByType.get(u.role === 'ADMIN' ? 'ADMINISTRATOR' : u.role) ?? roleByType.get('ADMINISTRATOR')!;
		users.insert(
			{ firstName: u.firstName ?? 'User', lastName: u.lastName ?? u.userId, email: u.username, role: { id: role.id, type: role.type, description: role.description } },
			{ id: u.userId },
		);
	}
	// The seeded Remember Me device implies the seed user has set up MFA on a phone.
	const phones = emu.store.collection('mfa/phones', orgId);
	phones.insert({ _userId: SEED.userId, type: 'MOBILE', phone: '4155550100', last4digits: '0100', primary: true }, { bare: true, prefix: 'mfp' });
}

/** Seeds roles, the configured users and MFA phones in every organization; drops Remember Me IDs added by MFA validation. */
export function seed(emu: Emulator): void {
	const s = state(emu);
	if (s.rememberMeIds.size > 0) {
		emu.config.mfaDevices = emu.config.mfaDevices.filter((d) => !s.rememberMeIds.has(d.rememberMeId));
		s.rememberMeIds.clear();
	}
	s.messages.clear();
	s.outbox.length = 0;
	for (const org of emu.config.organizations) seedOrg(emu, org.id);
}
