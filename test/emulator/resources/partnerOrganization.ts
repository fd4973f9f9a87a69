/**
 * Partner organizations (BILL resource `partnerOrganization`): they become real emulator
 * organizations that `POST /v3/partner/login-as-user` can sign in to; price plan.
 */
import { BDC, bdcError } from '../errors';
import { created, orgRecord, partnerKey, partnerOf, seedRoles } from '../family/partner';
import { bodyOf, DATE_RE, forEndpoint, invalid, isBlank, isError, isObject, jsonObjectOf, missing } from '../handlers';
import type { CustomHandler, Emulator } from '../types';

/* ------------------------------------------------------------------ organizations */

const organizationHandlers: CustomHandler[] = [
	forEndpoint('GET /v3/partner/organizations', (req, emu: Emulator) => {
		const coll = emu.store.collection('partner/organizations', partnerKey(String(req.auth.partnerId)));
		return emu.listResponse(req, coll.list());
	}),
	forEndpoint('POST /v3/partner/organizations', (req, emu: Emulator) => {
		const partner = partnerOf(emu, req);
		if (!partner) return bdcError(401, BDC.sessionInvalid.code, BDC.sessionInvalid.message, 'DOWNSTREAM');
		const b = jsonObjectOf(req);
		if (isError(b)) return b;
		if (isBlank(b.name)) return missing('name');
		if (String(b.name).length > 100) return invalid('name', b.name);
		if (!isObject(b.address)) return missing('address');
		for (const f of ['line1', 'city', 'zipOrPostalCode', 'country']) if (isBlank(b.address[f])) return missing(`address.${f}`);
		if (!/^[A-Z]{2}$/.test(String(b.address.country))) return invalid('address.country', b.address.country);
		if (b.taxIdType !== undefined && !['EIN', 'SSN'].includes(String(b.taxIdType))) return invalid('taxIdType', b.taxIdType);
		if (isObject(b.companyOwner) && b.companyOwner.dateOfBirth !== undefined && !DATE_RE.test(String(b.companyOwner.dateOfBirth))) {
			return invalid('companyOwner.dateOfBirth', b.companyOwner.dateOfBirth);
		}
		const orgId = emu.newId('008');
		const data = orgRecord(String(b.name), b);
		const rec = emu.store.collection('partner/organizations', partnerKey(partner.partnerId)).insert(data, { id: orgId });
		// A real organization from now on: the partner can act on it and sign in to it as its users.
		emu.config.organizations = [...emu.config.organizations, { id: orgId, name: String(b.name) }];
		partner.organizationIds = [...partner.organizationIds, orgId];
		created(emu).add(orgId);
		emu.store.collection('organizations', orgId).insert(data, { id: orgId });
		seedRoles(emu, orgId);
		return { status: 201, body: emu.view(rec) };
	}),
	forEndpoint('PATCH /v3/partner/organizations/{organizationId}/price-plan', (req, emu: Emulator) => {
		const partner = partnerOf(emu, req);
		const orgId = req.params.organizationId;
		if (!partner || !partner.organizationIds.includes(orgId)) return bdcError(400, BDC.invalidOrg.code, BDC.invalidOrg.message);
		const b = bodyOf(req);
		if (isBlank(b.pricePlanType)) return missing('pricePlanType');
		if (typeof b.pricePlanType !== 'string') return invalid('pricePlanType', b.pricePlanType);
		const coll = emu.store.collection('partner/organizations', partnerKey(partner.partnerId));
		const rec = coll.get(orgId);
		if (rec) coll.update(orgId, { _pricePlanType: b.pricePlanType });
		return { body: { status: 'SUCCESS' } };
	}),
];

export const handlers: CustomHandler[] = [
	...organizationHandlers,
];
