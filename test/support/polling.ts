/**
 * BILL's emulator for the tests of the polling trigger (test/polling/): one emulator per test file
 * or describe block, started in beforeAll and stopped in afterAll, with the polls' clock on BILL's
 * (the tests move BILL's clock: `emu.advanceTime`), fast retries, the test's own signed-in BILL user
 * and a vendor for its bills:
 *
 *   const bill = usePollingBill({ vendorName: 'Poll Vendor', listBills: (req, emu) => emu.generic(req) });
 *   new PollHost(bill.base, { resource: 'bill', event: 'created' }); await bill.api.post('/v3/bills', …)
 *
 * `listBills` answers BILL's `GET /v3/bills` in the test's place (e.g. to hide records or fail a page).
 */
import axios, { type AxiosInstance } from 'axios';

import { POLL_CLOCK } from '../../nodes/BillPollingTrigger/poll';
import { RETRY } from '../../nodes/Bill/transport/request';
import { resetSessionCache } from '../../nodes/Bill/transport/session';
import { BillEmulator, SEED } from '../emulator/server';
import type { EmuRequest, EmuResponse } from '../emulator/types';

export interface PollingBill {
	emu: BillEmulator;
	/** The emulator's base URL (what the credentials point at). */
	base: string;
	/** The test's own BILL user on `/connect`: signs in again when its session expired or was expired. */
	api: AxiosInstance;
	/** A vendor made for the test's bills. */
	vendorId: string;
}

export interface PollingBillOptions {
	/** Name of the vendor the set-up creates. */
	vendorName: string;
	/** Answers `GET /v3/bills` instead of the emulator's generic list (which `emu.generic(req)` gives). */
	listBills?: (req: EmuRequest, emu: BillEmulator) => EmuResponse;
}

/** The test's own BILL user: devKey + a session, signed in again (once per request) after a 401. */
function signedInApi(base: string): AxiosInstance {
	const api = axios.create({ baseURL: `${base}/connect`, headers: { devKey: SEED.devKey } });
	api.interceptors.response.use(undefined, async (error: { response?: { status: number }; config: { headers: Record<string, unknown> } }) => {
		if (error.response?.status !== 401 || error.config.headers['x-retried']) throw error;
		const login = await axios.post(`${base}/connect/v3/login`, { username: SEED.username, password: SEED.password, organizationId: SEED.organizationId, devKey: SEED.devKey });
		api.defaults.headers.sessionId = login.data.sessionId;
		return await api.request({ ...error.config, headers: { ...error.config.headers, sessionId: login.data.sessionId, 'x-retried': '1' } });
	});
	return api;
}

export function usePollingBill(options: PollingBillOptions): PollingBill {
	const ctx = {} as PollingBill;
	const localClock = POLL_CLOCK.now;
	beforeAll(async () => {
		resetSessionCache();
		RETRY.baseMs = 5;
		RETRY.maxMs = 20;
		const emu = new BillEmulator();
		ctx.emu = emu;
		ctx.base = await emu.start();
		POLL_CLOCK.now = () => emu.nowMs();
		const { listBills } = options;
		if (listBills) emu.addHandler({ method: 'GET', path: '/v3/bills', handle: (req) => listBills(req, emu) });
		ctx.api = signedInApi(ctx.base);
		const address = { line1: '1 Main St', city: 'Austin', zipOrPostalCode: '78701', country: 'US' };
		ctx.vendorId = (await ctx.api.post('/v3/vendors', { name: options.vendorName, accountType: 'BUSINESS', address })).data.id;
	});
	afterAll(async () => {
		POLL_CLOCK.now = localClock;
		await ctx.emu?.stop();
	});
	return ctx;
}
