/**
 * "Beyond the menu" through real n8n workflows against the emulator: approving bills under an
 * approval policy (the most requested AP workflow), credit memos and vendor credits with their
 * bulk operations, recurring invoices, recording an AP payment made outside BILL, billing
 * statements, the exchange rate of an international payment and invoice payment links.
 *
 * The emulator's handlers of these endpoints are in test/emulator/resources/ (billApproval.ts,
 * creditMemo.ts, vendorCredit.ts, recurringInvoice.ts, receivablePayment.ts, bill.ts, invoice.ts,
 * organization.ts, payment.ts).
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { SEED } from '../emulator/server';
import { byId, useBill } from '../support/bill';

const t = useBill({}, { resetEach: true });

const json = (r: { output: INodeExecutionData[] }, i = 0) => r.output[i].json;

const ok = (resource: string, operation: string, params: IDataObject = {}, items?: INodeExecutionData[]) => t.runOk(resource, operation, params, items);

const ADDRESS = { line1: '1 Main St', city: 'San Jose', stateOrProvince: 'CA', zipOrPostalCode: '95002', country: 'US' };

async function vendor(name = 'Acme Supplies') {
	return json(await ok('vendor', 'create', { name, address: ADDRESS }));
}

async function bill(vendorId: string, amount: number, invoiceNumber: string) {
	return json(
		await ok('bill', 'create', {
			vendorId: byId(vendorId),
			dueDate: '2026-12-31',
			invoice: { invoiceNumber, invoiceDate: '2026-12-01' },
			billLineItems: { values: [{ amount, description: 'Supplies' }] },
		}),
	);
}

const countRequests = (method: string, path: string, from: number) => t.emu.requestLog.slice(from).filter((e) => e.method === method && e.path === path).length;

describe('bill approvals', () => {
	it('routes bills over the policy threshold to the approver, who approves one and denies another in one request', async () => {
		const v = await vendor();
		const policy = json(
			await ok('billApproval', 'createPolicy', {
				policyName: 'Bills of $1,000 or more',
				rules: { values: [{ key: 'BILL_AMOUNT', op: 'gte', values: '1000' }] },
				approvers: SEED.userId,
			}),
		);
		expect(policy).toMatchObject({
			policyName: 'Bills of $1,000 or more',
			status: 'ACTIVE',
			rules: [{ key: 'BILL_AMOUNT', op: 'gte', values: [{ value: '1000', displayName: '1000' }] }],
			approvers: { users: [{ userId: SEED.userId, fullName: 'Emma Ulator' }], groups: [] },
		});
		expect(String(policy.id)).toMatch(new RegExp(`^${SEED.organizationId}-`));

		const big = await bill(String(v.id), 1500, 'INV-1');
		const bigger = await bill(String(v.id), 2500, 'INV-2');
		const small = await bill(String(v.id), 200, 'INV-3');

		const pending = await ok('billApproval', 'getPending');
		expect(pending.output.map((o) => o.json.billId).sort()).toEqual([big.id, bigger.id].sort());
		expect(pending.output.find((o) => o.json.billId === big.id)!.json).toEqual({ billId: big.id, vendorId: v.id, amount: 1500, dueDate: '2026-12-31' });

		// One decision per input item; the node sends them in one request, as BILL's array body.
		const mark = t.emu.requestLog.length;
		const decided = await ok(
			'billApproval',
			'approveOrDeny',
			{ billId: { __rl: true, mode: 'id', value: '={{ $json.billId }}' }, action: '={{ $json.action }}', additionalFields: { comment: '={{ $json.comment }}' } },
			[
				{ json: { billId: big.id, action: 'APPROVE', comment: 'Approved for payment' } },
				{ json: { billId: bigger.id, action: 'DENY', comment: 'Not ordered' } },
			],
		);
		// BILL acknowledges the batch ({ status: SUCCESS }): each item's output names its own bill and decision.
		expect(decided.output.map((o) => o.json)).toEqual([
			{ billId: big.id, action: 'APPROVE', status: 'SUCCESS', success: true },
			{ billId: expect.any(String), action: 'DENY', status: 'SUCCESS', success: true },
		]);
		expect(countRequests('POST', '/v3/bill-approvals/actions', mark)).toBe(1);

		const approved = json(await ok('bill', 'get', { billId: byId(String(big.id)) }));
		expect(approved.approvalStatus).toBe('APPROVED');
		expect((approved.approvers as IDataObject[])[0]).toMatchObject({ userId: SEED.userId, status: 'APPROVED', approverOrder: 0 });
		expect(json(await ok('bill', 'get', { billId: byId(String(bigger.id)) })).approvalStatus).toBe('DENIED');
		expect(json(await ok('bill', 'get', { billId: byId(String(small.id)) })).approvalStatus).toBe('UNASSIGNED');

		// Nothing is pending any more, and a decided bill cannot be decided again.
		expect((await ok('billApproval', 'getPending')).output).toHaveLength(0);
		const again = await t.runOp('billApproval', 'approveOrDeny', { billId: byId(String(big.id)), action: 'APPROVE' } as never);
		expect(again.success).toBe(false);
		expect(again.error?.message).toMatch(/not pending approval/);
	});

	it('lists, replaces and deletes policies; bills made after a policy change follow the new rules', async () => {
		const acme = await vendor('Acme');
		const globex = await vendor('Globex');
		const created = json(
			await ok('billApproval', 'createPolicy', { policyName: 'Acme bills', rules: { values: [{ key: 'VENDOR_ID', op: 'in', values: String(acme.id) }] }, approvers: SEED.userId }),
		);
		expect((created.rules as IDataObject[])[0]).toMatchObject({ key: 'VENDOR_ID', values: [{ value: acme.id, displayName: 'Acme' }] });
		const list = await ok('billApproval', 'getPolicies', { returnAll: true });
		expect(list.output.map((o) => o.json.id)).toEqual([created.id]);

		await ok('billApproval', 'updatePolicy', {
			policyId: String(created.id),
			policyName: 'Globex bills',
			rules: { values: [{ key: 'VENDOR_ID', op: 'in', values: String(globex.id) }] },
			approvers: SEED.userId,
		});
		const fromAcme = await bill(String(acme.id), 10, 'A-1');
		const fromGlobex = await bill(String(globex.id), 10, 'G-1');
		expect((await ok('billApproval', 'getPending')).output.map((o) => o.json.billId)).toEqual([fromGlobex.id]);
		expect(fromAcme.id).toBeDefined();

		expect(json(await ok('billApproval', 'deletePolicy', { policyId: String(created.id) }))).toEqual({ status: 'SUCCESS' });
		expect((await ok('billApproval', 'getPolicies', { returnAll: true })).output).toHaveLength(0);
		const bad = await t.runOp('billApproval', 'createPolicy', { policyName: 'Nobody', rules: { values: [{ key: 'BILL_AMOUNT', op: 'gt', values: '1' }] }, approvers: '00601NOBODY000001' } as never);
		expect(bad.success).toBe(false);
		expect(bad.error?.message).toMatch(/approvers/);
	});
});

describe('credit memos, vendor credits, recurring invoices', () => {
	it('computes credit memo amounts from price, quantity and rate lines, in single and bulk calls', async () => {
		const customer = json(await ok('customer', 'create', { name: 'Happy Music', email: 'ap@happymusic.example' }));
		const memo = json(
			await ok('creditMemo', 'create', {
				customerId: byId(String(customer.id)),
				referenceNumber: 'CM-1',
				creditDate: '2026-12-28',
				creditMemoLineItems: {
					values: [
						{ description: 'Drum sticks', price: 14.99, quantity: 2 },
						{ description: 'Guitar picks', price: 50, quantity: 1 },
						{ description: '10% discount', ratePercent: -10 },
					],
				},
			}),
		);
		expect(memo.id).toMatch(/^ccr/);
		expect(memo).toMatchObject({ amount: 71.98, status: 'NOT_APPLIED', appliedAmount: 0, archived: false });
		const lines = memo.creditMemoLineItems as IDataObject[];
		expect(lines.map((l) => l.amount)).toEqual([29.98, 50, -8]);

		// PATCH changes the named line only.
		const patched = json(
			await ok('creditMemo', 'update', { creditMemoId: byId(String(memo.id)), updateFields: { creditMemoLineItems: { values: [{ id: String(lines[0].id), price: 20, quantity: 2 }] } } }),
		);
		expect((patched.creditMemoLineItems as IDataObject[]).map((l) => l.amount)).toEqual([40, 50, -9]);
		expect(patched.amount).toBe(81);

		// Two input items → one bulk request, each output matched to its item.
		const mark = t.emu.requestLog.length;
		const many = await ok(
			'creditMemo',
			'createMany',
			{
				customerId: byId(String(customer.id)),
				referenceNumber: '={{ $json.ref }}',
				creditDate: '2026-12-29',
				creditMemoLineItems: { values: [{ description: 'Refund', price: '={{ $json.price }}', quantity: 1 }] },
			},
			[{ json: { ref: 'CM-2', price: 5 } }, { json: { ref: 'CM-3', price: 7 } }],
		);
		expect(countRequests('POST', '/v3/credit-memos/bulk', mark)).toBe(1);
		expect(many.output.map((o) => [o.json.referenceNumber, o.json.amount])).toEqual([
			['CM-2', 5],
			['CM-3', 7],
		]);
		const archived = await ok('creditMemo', 'archiveMany', { id: '={{ $json.id }}' }, many.output.map((o) => ({ json: { id: o.json.id } })));
		expect(archived.output.map((o) => o.json.archived)).toEqual([true, true]);
		const archivedCall = t.emu.requestLog.filter((e) => e.path === '/v3/credit-memos/bulk/archive').at(-1)!;
		expect(archivedCall.query.ids.split(',')).toEqual(many.output.map((o) => String(o.json.id)));
	});

	it('keeps vendor credit lines by ID on update and refuses an unknown vendor', async () => {
		const v = await vendor();
		const credit = json(
			await ok('vendorCredit', 'create', {
				vendorId: byId(String(v.id)),
				referenceNumber: 'VC-1',
				creditDate: '2026-12-28',
				vendorCreditLineItems: { values: [{ description: 'Sticks', amount: 14.99 }, { description: 'Picks', amount: 50 }] },
			}),
		);
		expect(credit.id).toMatch(/^vcr/);
		expect(credit.amount).toBe(64.99);
		const first = (credit.vendorCreditLineItems as IDataObject[])[0];
		const updated = json(
			await ok('vendorCredit', 'update', { vendorCreditId: byId(String(credit.id)), updateFields: { vendorCreditLineItems: { values: [{ id: String(first.id), amount: 19.99 }] } } }),
		);
		expect(updated.amount).toBe(69.99);
		expect((updated.vendorCreditLineItems as IDataObject[]).map((l) => l.description)).toEqual(['Sticks', 'Picks']);

		const bad = await t.runOp('vendorCredit', 'create', {
			vendorId: byId('00901NOTAVENDOR01'),
			referenceNumber: 'VC-2',
			creditDate: '2026-12-28',
			vendorCreditLineItems: { values: [{ amount: 1 }] },
		} as never);
		expect(bad.success).toBe(false);
		expect(bad.error?.message).toMatch(/vendorId/);
	});

	it('creates, replaces and archives a recurring invoice', async () => {
		const customer = json(await ok('customer', 'create', { name: 'Tea Club', email: 'billing@teaclub.example' }));
		const rec = json(
			await ok('recurringInvoice', 'create', {
				customerId: byId(String(customer.id)),
				schedule: { period: 'MONTHLY', frequency: 1, nextDueDate: '2026-12-31', endDate: '2027-11-01', daysInAdvance: 5 },
				recurringInvoiceLineItems: { values: [{ amount: 19.99, quantity: 1, description: 'Monthly subscription' }] },
			}),
		);
		expect(rec).toMatchObject({ customerId: customer.id, schedule: { period: 'MONTHLY', frequency: 1 }, archived: false, sendEmail: false });
		const line = (rec.recurringInvoiceLineItems as IDataObject[])[0];
		const replaced = json(
			await ok('recurringInvoice', 'replace', {
				recurringInvoiceId: byId(String(rec.id)),
				customerId: byId(String(customer.id)),
				schedule: { period: 'MONTHLY', nextDueDate: '2026-12-31' },
				recurringInvoiceLineItems: { values: [{ id: String(line.id), amount: 19.99, quantity: 1 }, { amount: 4.99, quantity: 1, description: 'Decaf tea' }] },
			}),
		);
		expect((replaced.recurringInvoiceLineItems as IDataObject[]).map((l) => l.amount)).toEqual([19.99, 4.99]);
		expect(json(await ok('recurringInvoice', 'archive', { recurringInvoiceId: byId(String(rec.id)) })).archived).toBe(true);
		const wrong = await t.runOp('recurringInvoice', 'create', {
			customerId: byId(String(customer.id)),
			schedule: { period: 'HOURLY', nextDueDate: '2026-12-31' },
			recurringInvoiceLineItems: { values: [{ amount: 1, quantity: 1 }] },
		} as never);
		expect(wrong.success).toBe(false);
	});
});

describe('new operations on existing resources', () => {
	it('records a payment made outside BILL against a bill', async () => {
		const v = await vendor();
		const b = await bill(String(v.id), 300, 'INV-9');
		const payment = json(
			await ok('bill', 'recordPayment', { vendorId: byId(String(v.id)), processDate: '2026-12-20', payments: { values: [{ billId: String(b.id), amount: 300 }] } }),
		);
		expect(payment).toMatchObject({ vendorId: v.id, amount: 300, status: 'PAID', onlinePayment: false, billPayments: [{ billId: b.id, amount: 300 }] });
		expect(json(await ok('bill', 'get', { billId: byId(String(b.id)) }))).toMatchObject({ dueAmount: 0, paymentStatus: 'PAID' });
		const over = await t.runOp('bill', 'recordPayment', { vendorId: byId(String(v.id)), processDate: '2026-12-20', payments: { values: [{ billId: String(b.id), amount: 1 }] } } as never);
		expect(over.success).toBe(false);
		expect(over.error?.message).toMatch(/BDC_1159/);
	});

	it('lists billing statements and gets one with its download links', async () => {
		const list = await ok('organization', 'getBillingStatements', { organizationId: SEED.organizationId, returnAll: true });
		expect(list.output).toHaveLength(3);
		const one = json(await ok('organization', 'getBillingStatement', { organizationId: SEED.organizationId, billingStatementId: String(list.output[0].json.id) }));
		const links = one.downloadLink as { csv: string; pdf: string };
		expect(t.emu.fileOf(links.csv)?.data.toString()).toMatch(/^quantity,description,type,amount/);
		expect(one.statementDetails).toHaveLength(2);
		const other = await t.runOp('organization', 'getBillingStatements', { organizationId: SEED.organizationId2, returnAll: true } as never);
		expect(other.success).toBe(false);
	});

	it('gets the exchange rate for an international vendor and a payment link for an invoice', async () => {
		const euro = t.emu.store.collection('vendors', SEED.organizationId).insert({ name: 'Euro GmbH', billCurrency: 'EUR' }, { prefix: '009' });
		const rate = json(await ok('payment', 'getExchangeRate', { vendorId: byId(euro.id), amount: 1000 }));
		expect(rate).toMatchObject({ paymentCurrency: 'EUR', baseCurrency: 'USD', amountRange: { from: 980, to: 1020 } });
		expect(Date.parse(String(rate.expirationTime))).toBeGreaterThan(Date.now());

		const customer = json(await ok('customer', 'create', { name: 'Link Co', email: 'pay@link.example' }));
		const invoice = t.emu.store.collection('invoices', SEED.organizationId).insert({ customerId: customer.id, totalAmount: 10, dueAmount: 10 }, { prefix: '00e' });
		const link = json(await ok('invoice', 'getPaymentLink', { invoiceId: byId(invoice.id), customerId: byId(String(customer.id)), email: 'pay@link.example' }));
		expect(String(link.paymentLink)).toMatch(/^https:\/\//);
	});
});
