/**
 * MFA-trusted sessions (BILL: payments, bank accounts, auto-pay and network vendor invitations need
 * one in production). The credential keeps BILL's `trusted` answer of its sign-in, and an
 * operation BILL refuses for want of trust (403 BDC_1361) says why and how to fix it: an expired
 * Remember Me ID, none at all, or a sync token (never trusted).
 */
import type { IDataObject } from 'n8n-workflow';

import { createHarness, type HarnessCredentials } from '../harness';
import { BillApi } from '../../credentials/BillApi.credentials';
import { Bill } from '../../nodes/Bill/Bill.node';
import { resetSessionCache } from '../../nodes/Bill/transport/session';
import { BillEmulator, SEED } from '../emulator/server';
import { byId, credentialsFor, CRED_IDS } from '../support/bill';

let emu: BillEmulator;
let base: string;
beforeAll(async () => {
	emu = new BillEmulator({ productionRules: true });
	base = await emu.start();
});
afterAll(async () => emu.stop());
beforeEach(() => resetSessionCache());

const bankFunding = { type: 'BANK_ACCOUNT', id: '' };

/** A payment of a fresh bill, in production, with the given BILL API credential. */
async function payWith(billApi: IDataObject) {
	const credentials: HarnessCredentials = { [CRED_IDS.billApi]: credentialsFor(base, { billApi })[CRED_IDS.billApi] };
	const h = createHarness({ nodeTypes: [new Bill()], credentialTypes: [new BillApi()], credentials });
	const vendor = emu.store.collection('vendors').insert({ name: 'Trust Vendor', archived: false, address: { line1: '1 Main St', city: 'San Jose', stateOrProvince: 'CA', zipOrPostalCode: '95110', country: 'US' } });
	const bill = emu.store.collection('bills').insert({ vendorId: vendor.id, amount: 5, dueAmount: 5, paymentStatus: 'UNPAID', archived: false, invoice: { invoiceNumber: 'T-1', invoiceDate: '2026-11-30' }, billLineItems: [{ amount: 5 }] });
	const bank = emu.store.collection('funding-accounts/banks').find(() => true);
	const run = await h.run({
		nodes: [
			{ name: 'Start', type: 'harnessStart', parameters: {} },
			{
				name: 'BILL',
				type: 'bill',
				parameters: {
					resource: 'payment',
					operation: 'create',
					amount: 5,
					fundingAccount: { ...bankFunding, id: bank?.id ?? 'bac01EMU' },
					processingOptions: { requestPayFaster: false },
					additionalFields: { billId: byId(bill.id) },
				},
				credentials: { billApi: { id: CRED_IDS.billApi, name: 'BILL (local emulator)' } },
			},
		],
		connections: { Start: { main: [[{ node: 'BILL', type: 'main', index: 0 }]] } },
	});
	return { run, stored: (h.credentialStore.get(CRED_IDS.billApi) as { data: Record<string, unknown> }).data };
}

const message = (r: Awaited<ReturnType<typeof payWith>>) => `${r.run.error?.message ?? ''} ${(r.run.error as { description?: string } | undefined)?.description ?? ''}`;

test('a valid Remember Me ID gives a trusted session: the credential stores it and the payment goes through', async () => {
	const r = await payWith({ mfaRememberMeToken: SEED.rememberMeId, deviceName: SEED.device });
	expect(r.run.success).toBe(true);
	expect(r.stored.sessionTrusted).toBe('true');
});

test('an expired Remember Me ID: BILL signs in untrusted, and the refused payment says the ID expired and how to renew it', async () => {
	const r = await payWith({ mfaRememberMeToken: 'rmb-expired-long-ago', deviceName: SEED.device });
	expect(r.run.success).toBe(false);
	expect(r.stored.sessionTrusted).toBe('false');
	expect(message(r)).toMatch(/BDC_1361/);
	expect(message(r)).toMatch(/expired.*30 days/);
	expect(message(r)).toMatch(/Validate Challenge/);
});

test('no Remember Me ID: the refused payment says to set one', async () => {
	const r = await payWith({ mfaRememberMeToken: '', deviceName: '' });
	expect(r.run.success).toBe(false);
	expect(message(r)).toMatch(/BDC_1361/);
	expect(message(r)).toMatch(/set MFA Remember Me ID and Device Name/);
});

test('a sync token is never trusted: the refused payment says so', async () => {
	const r = await payWith({ loginType: 'syncToken', username: SEED.syncTokenName, password: SEED.syncTokenValue, mfaRememberMeToken: '', deviceName: '' });
	expect(r.run.success).toBe(false);
	expect(message(r)).toMatch(/sync token/);
});

test('a sync token with a Remember Me ID gets a clear error before anything is paid', async () => {
	const before = emu.counters.logins;
	const r = await payWith({ loginType: 'syncToken', username: SEED.syncTokenName, password: SEED.syncTokenValue, mfaRememberMeToken: SEED.rememberMeId, deviceName: SEED.device });
	expect(r.run.success).toBe(false);
	expect(message(r)).toMatch(/signs in with a sync token and also has an MFA Remember Me ID/);
	expect(emu.counters.logins).toBe(before);
});
