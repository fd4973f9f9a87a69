/**
 * BILL's changes of 2025–2026 that the node had not followed (issue 17 §3), each through the BILL
 * node run in-process against the emulator: bills created or updated with `billApprovals: true`
 * answer with their approvers.
 */
import { SEED } from '../emulator/server';
import { byId, useBill } from '../support/bill';

const t = useBill(undefined, { resetEach: true });

const address = { line1: '1 Main Street', city: 'San Jose', stateOrProvince: 'CA', zipOrPostalCode: '95002', country: 'US' };

async function vendorId(): Promise<string> {
	const r = await t.runOk('vendor', 'create', { name: 'Approvals Vendor', address });
	return String(r.output[0].json.id);
}

const billParams = (vendor: string, number: string, amount: number, additionalFields: Record<string, unknown> = {}) => ({
	vendorId: byId(vendor),
	dueDate: '2026-12-31T00:00:00.000Z',
	invoice: { invoiceNumber: number, invoiceDate: '2026-12-01' },
	billLineItems: { values: [{ amount }] },
	additionalFields,
});

describe('bill approvals: billApprovals on bill create and update (BILL changelog 2025-11-05)', () => {
	test('with Include Approvers the answer has the approvers of the matching policy; without it, none yet', async () => {
		await t.runOk('billApproval', 'createPolicy', {
			policyName: 'Bills of $1,000 or more',
			rules: { values: [{ key: 'BILL_AMOUNT', op: 'gte', values: '1000' }] },
			approvers: SEED.userId,
		});
		const v = await vendorId();
		const plain = await t.runOk('bill', 'create', billParams(v, 'A-1', 1500));
		expect(plain.output[0].json.approvers).toEqual([]);
		const withApprovers = await t.runOk('bill', 'create', billParams(v, 'A-2', 1500, { billApprovals: true }));
		expect(withApprovers.output[0].json).toMatchObject({ approvalStatus: 'ASSIGNED', approvers: [{ userId: SEED.userId, status: 'WAITING', approverOrder: 0 }] });
		expect(withApprovers.output[0].json).not.toHaveProperty('billApprovals');

		const updated = await t.runOk('bill', 'update', { billId: byId(String(plain.output[0].json.id)), updateFields: { description: 'checked', billApprovals: true } });
		expect(updated.output[0].json).toMatchObject({ approvalStatus: 'ASSIGNED', description: 'checked' });
	});
});
