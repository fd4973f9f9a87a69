/**
 * Direct HTTP against the emulator, as a BILL client: an organization session, BILL's error
 * fields, and the AP records most payment tests start from (a vendor with an address, a bill).
 */
import axios, { type AxiosInstance, type AxiosResponse } from 'axios';

import { BillEmulator, SEED, type BillEmulatorOptions } from '../emulator/server';
import { stopDeliveries } from '../emulator/webhooks';

/** An axios instance on the Connect base with a new organization session (`extra`: rememberMeId, device…); never throws on a status. */
export async function orgSession(emu: BillEmulator, extra: Record<string, string> = {}): Promise<AxiosInstance> {
	const r = await axios.post(`${emu.connectUrl}/v3/login`, {
		username: SEED.username,
		password: SEED.password,
		organizationId: SEED.organizationId,
		devKey: SEED.devKey,
		...extra,
	});
	return axios.create({
		baseURL: emu.connectUrl,
		headers: { devKey: SEED.devKey, sessionId: r.data.sessionId },
		validateStatus: () => true,
	});
}

/** The `BDC_` code of BILL's error array. */
export const code = (r: AxiosResponse) => (Array.isArray(r.data) ? r.data[0]?.code : undefined);
/** The message of BILL's error array ('' for a success). */
export const message = (r: AxiosResponse) => (Array.isArray(r.data) ? String(r.data[0]?.message) : '');

export const address = { line1: '123 Main Street', city: 'San Jose', stateOrProvince: 'CA', zipOrPostalCode: '95002', country: 'US' };

/** Creates vendors and bills through `api()` (a getter: tests may log in again). */
export function apRecords(api: () => AxiosInstance) {
	return {
		async vendor(name = 'Happy Music Supplies', extra: Record<string, unknown> = {}): Promise<string> {
			const r = await api().post('/v3/vendors', { name, accountType: 'BUSINESS', email: 'info@happymusic.example', address, ...extra });
			expect(r.status).toBe(201);
			return r.data.id;
		},
		async bill(vendorId: string, lines: Array<Record<string, unknown>> = [{ amount: 149 }, { amount: 79.99 }]): Promise<Record<string, any>> {
			const r = await api().post('/v3/bills', {
				vendorId,
				dueDate: '2026-12-31',
				invoice: { invoiceNumber: `INV-${Math.random()}`, invoiceDate: '2026-12-01' },
				billLineItems: lines,
			});
			expect(r.status).toBe(201);
			return r.data;
		},
	};
}

/**
 * The emulator for the tests of this file or describe block: started in beforeAll, its webhook
 * deliveries and server stopped in afterAll (`config`: the emulator's options, e.g. limits).
 */
export function useEmulator(config: BillEmulatorOptions = {}): BillEmulator {
	const emu = new BillEmulator(config);
	beforeAll(async () => {
		await emu.start();
	});
	afterAll(async () => {
		stopDeliveries(emu);
		await emu.stop();
	});
	return emu;
}
