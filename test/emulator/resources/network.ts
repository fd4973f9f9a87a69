/**
 * The BILL Network (BILL resource `network`): search, invitations, connections.
 */
import { BDC, bdcError } from '../errors';
import { checkEnum, checkMessageLimit, NETWORK_DIRECTORY, state } from '../family/connect';
import type { Handle } from '../handlers';
import { bodyOf, byParam, EMAIL_RE, forEndpoint, invalidText as invalid, isBlank, isObject, missing, notFound, requireFields, withRecord } from '../handlers';
import type { Collection, EmuRecord } from '../store';
import type { CustomHandler, Emulator, EmuRequest, EmuResponse } from '../types';

/* ------------------------------------------------------------------ network */

type Party = 'customer' | 'vendor';
const COLLECTION_OF: Record<Party, string> = { customer: 'customers', vendor: 'vendors' };

export function invitations(emu: Emulator, req: EmuRequest): Collection {
	return emu.collection(req, 'network/invitations');
}

function invitationFor(emu: Emulator, req: EmuRequest, party: Party, id: string): EmuRecord | undefined {
	return invitations(emu, req).find((r) => r.party === party && r.recordId === id);
}

function setNetworkStatus(emu: Emulator, req: EmuRequest, party: Party, id: string, status: string): void {
	emu.collection(req, COLLECTION_OF[party]).update(id, { networkStatus: status });
}

function searchNetwork(req: EmuRequest, _emu: Emulator): EmuResponse {
	const name = (req.query.name ?? '').trim();
	if (!name) return missing('name');
	const scope = req.query.scope ?? 'BILL';
	const scopeErr = checkEnum('scope', scope, ['BILL', 'RPPS', 'ALL']);
	if (scopeErr) return scopeErr;
	const zip = req.query.zipOrPostalCode;
	const words = (s: string) => s.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
	const term = name.toLowerCase();
	const results = NETWORK_DIRECTORY.filter((e) => {
		if (scope !== 'ALL' && e.network !== scope) return false;
		if (e.network === 'BILL') {
			// BILL Network: at least three characters and complete words only.
			if (term.length < 3) return false;
			const nameWords = words(e.name);
			return words(term).every((w) => nameWords.includes(w));
		}
		// RPPS: complete or partial match on name and ZIP code.
		if (!e.name.toLowerCase().includes(term)) return false;
		return !zip || e.addresses.some((a) => (a.zipOrPostalCode ?? '').startsWith(zip));
	}).map((e) => ({ id: e.id, name: e.name, type: e.type, addresses: e.addresses.map((a) => ({ ...a })), ...(e.managedBy ? { managedBy: { ...e.managedBy } } : {}) }));
	return { body: { results } };
}

/** The customer or vendor the path names. */
const partyRecord = (party: Party) => byParam(COLLECTION_OF[party], `${party}Id`);

function invite(party: Party): Handle {
	return withRecord({
		find: partyRecord(party),
		handle(req, emu: Emulator, { id }) {
			const b = bodyOf(req);
			const miss = requireFields(b, ['networkId', 'networkType']);
			if (miss) return miss;
			const typeErr = checkEnum('networkType', b.networkType, ['BILL', 'RPPS']);
			if (typeErr) return typeErr;
			const entry = NETWORK_DIRECTORY.find((e) => e.id === b.networkId);
			if (!entry || entry.network !== b.networkType) return invalid('networkId', b.networkId);
			if (entry.network === 'RPPS') {
				// Verified national vendors are vendors, and need the account number and billing address.
				if (party !== 'vendor') return invalid('networkType', b.networkType);
				const rpps = isObject(b.rppsInformation) ? b.rppsInformation : undefined;
				if (!rpps || isBlank(rpps.accountNumber)) return missing('rppsInformation.accountNumber');
				if (isBlank(rpps.addressId)) return missing('rppsInformation.addressId');
				if (!entry.addresses.some((a) => a.id === rpps.addressId)) return invalid('rppsInformation.addressId', rpps.addressId);
			}
			const existing = invitationFor(emu, req, party, id);
			if (existing && existing.status !== 'NOT_CONNECTED') {
				return bdcError(400, BDC.invalidParam.code, `${BDC.invalidParam.message}${party}Id, ${id}. A connection or connection request already exists; delete it first.`);
			}
			const limited = checkMessageLimit(emu, req);
			if (limited) return limited;
			const status = entry.network === 'RPPS' || entry.autoConnect ? 'CONNECTED' : 'PENDING';
			if (existing) invitations(emu, req).remove(existing.id);
			invitations(emu, req).insert({ party, recordId: id, networkId: entry.id, status, rppsInformation: b.rppsInformation }, { bare: true, prefix: 'nwi' });
			setNetworkStatus(emu, req, party, id, entry.network === 'RPPS' ? 'CONNECTED_RPPS' : status);
			if (status === 'PENDING' && entry.managedBy) state(emu).outbox.push({ kind: 'networkInvitation', to: [entry.managedBy.email], [`${party}Id`]: id, time: emu.now() });
			return { status: 200 };
		},
	});
}

function invitationStatus(party: Party): Handle {
	return withRecord({
		find: partyRecord(party),
		handle(req, emu: Emulator, { id }) {
			const inv = invitationFor(emu, req, party, id);
			return { body: { id, status: inv ? inv.status : 'NOT_CONNECTED', ...(inv?.networkId ? { networkId: inv.networkId } : {}) } };
		},
	});
}

/** Payment states that block disconnecting (BILL: no scheduled and no in-process payments). */
const BLOCKING_PAYMENT_STATES = ['SCHEDULED', 'APPROVING', 'IN_PROCESS', 'PROCESSING'];

function deleteConnection(party: Party): Handle {
	return withRecord({
		find: partyRecord(party),
		handle(req, emu: Emulator, { id }) {
			const inv = invitationFor(emu, req, party, id);
			if (!inv) return notFound();
			if (party === 'vendor') {
				const blocking = emu.collection(req, 'payments').find((p) => p.vendorId === id && BLOCKING_PAYMENT_STATES.includes(String(p.status)));
				if (blocking) {
					// [inferred] code: BILL documents the rule, not the error.
					return bdcError(400, BDC.invalidParam.code, `${BDC.invalidParam.message}vendorId, ${id}. Cancel the scheduled or in-process payment ${blocking.id} before disconnecting.`);
				}
			}
			invitations(emu, req).remove(inv.id);
			setNetworkStatus(emu, req, party, id, 'NOT_CONNECTED');
			return { status: 200 };
		},
	});
}

function inviteVendorByEmail(req: EmuRequest, emu: Emulator, { id }: EmuRecord): EmuResponse {
	const b = bodyOf(req);
	if (isBlank(b.email)) return missing('email');
	if (!EMAIL_RE.test(String(b.email))) return invalid('email', b.email);
	const existing = invitationFor(emu, req, 'vendor', id);
	if (existing && existing.status === 'CONNECTED') {
		return bdcError(400, BDC.invalidParam.code, `${BDC.invalidParam.message}vendorId, ${id}. The vendor is already connected.`);
	}
	const limited = checkMessageLimit(emu, req);
	if (limited) return limited;
	if (existing) invitations(emu, req).remove(existing.id);
	invitations(emu, req).insert({ party: 'vendor', recordId: id, status: 'PENDING', email: b.email }, { bare: true, prefix: 'nwi' });
	setNetworkStatus(emu, req, 'vendor', id, 'PENDING');
	state(emu).outbox.push({ kind: 'vendorEmailInvitation', to: [String(b.email)], vendorId: id, time: emu.now() });
	return { status: 200 };
}

function acceptInvitation(req: EmuRequest, emu: Emulator): EmuResponse {
	const b = bodyOf(req);
	const miss = requireFields(b, ['networkId', 'type']);
	if (miss) return miss;
	const typeErr = checkEnum('type', b.type, ['CUSTOMER', 'VENDOR']);
	if (typeErr) return typeErr;
	const entry = NETWORK_DIRECTORY.find((e) => e.id === b.networkId && e.network === 'BILL');
	if (!entry) return invalid('networkId', b.networkId);
	const party: Party = b.type === 'CUSTOMER' ? 'customer' : 'vendor';
	const coll = emu.collection(req, COLLECTION_OF[party]);
	let recordId: string;
	if (!isBlank(b.id)) {
		const rec = coll.get(String(b.id));
		if (!rec) return invalid('id', b.id);
		recordId = rec.id;
	} else if (!isBlank(b.name)) {
		recordId = coll.insert(party === 'vendor' ? { name: b.name, accountType: 'BUSINESS' } : { name: b.name, email: entry.managedBy?.email, accountType: 'BUSINESS', balance: { amount: 0 } }).id;
	} else {
		return missing('id');
	}
	const existing = invitationFor(emu, req, party, recordId);
	if (existing) invitations(emu, req).remove(existing.id);
	invitations(emu, req).insert({ party, recordId, networkId: entry.id, status: 'CONNECTED' }, { bare: true, prefix: 'nwi' });
	setNetworkStatus(emu, req, party, recordId, 'CONNECTED');
	return { status: 200 };
}

const networkHandlers: CustomHandler[] = [
	forEndpoint('GET /v3/network', searchNetwork),
	forEndpoint('POST /v3/network/invitation/accept', acceptInvitation),
	forEndpoint('GET /v3/network/invitation/customer/{customerId}', invitationStatus('customer')),
	forEndpoint('POST /v3/network/invitation/customer/{customerId}', invite('customer')),
	forEndpoint('DELETE /v3/network/invitation/customer/{customerId}', deleteConnection('customer')),
	forEndpoint('GET /v3/network/invitation/vendor/{vendorId}', invitationStatus('vendor')),
	forEndpoint('POST /v3/network/invitation/vendor/{vendorId}', invite('vendor')),
	forEndpoint('DELETE /v3/network/invitation/vendor/{vendorId}', deleteConnection('vendor')),
	forEndpoint('POST /v3/network/invitation/vendor/{vendorId}/email', withRecord({ find: partyRecord('vendor'), handle: inviteVendorByEmail })),
];

export const handlers: CustomHandler[] = [
	...networkHandlers,
];
