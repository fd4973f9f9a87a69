/**
 * The contract suite's value check (valueDiff, test/contract/postman.ts) catches the wrong values a
 * key-structure comparison lets through (issue 17): an amount sent as a string, a misspelt enum, a
 * date in another format, an ID without its prefix; and accepts what BILL's example leaves open.
 */
import { valueDiff } from './postman';

/** BILL's example of POST /v3/payments (money path). */
const example = {
	vendorId: '00901ABCDEFGHIJ1234',
	billId: '00n01ABCDEFGHIJ1234',
	processDate: '2025-12-31',
	amount: 228.99,
	fundingAccount: { type: 'BANK_ACCOUNT', id: '{{org_bank_account_id}}' },
	processingOptions: { requestPayFaster: false, createBillCredit: 'string' },
};

describe('valueDiff', () => {
	test("the example's own values: no difference", () => {
		expect(valueDiff(example, JSON.parse(JSON.stringify(example)), 'body')).toEqual([]);
	});

	test('a string amount, a misspelt enum, another date format, a wrong ID prefix and a string boolean are each reported', () => {
		const sent = {
			...example,
			vendorId: 'bac01ABCDEFGHIJ1234',
			processDate: '31/12/2025',
			amount: '228.99',
			fundingAccount: { type: 'BANK_ACOUNT', id: 'bac01X' },
			processingOptions: { requestPayFaster: 'false', createBillCredit: 'anything' },
		};
		expect(valueDiff(example, sent, 'body')).toEqual([
			'body.vendorId: an ID beginning with 009 in BILL\'s example, "bac01ABCDEFGHIJ1234" here',
			'body.processDate: a date (yyyy-MM-dd) in BILL\'s example, "31/12/2025" here',
			'body.amount: a number in BILL\'s example (228.99), a string here ("228.99")',
			'body.fundingAccount.type: enum value "BANK_ACCOUNT" in BILL\'s example, "BANK_ACOUNT" here',
			'body.processingOptions.requestPayFaster: a boolean in BILL\'s example (false), a string here ("false")',
		]);
	});

	test('elements of arrays are judged against the same-index (or last) element of the example', () => {
		const lines = { billLineItems: [{ amount: 10 }, { amount: 20 }] };
		expect(valueDiff(lines, { billLineItems: [{ amount: 10 }, { amount: 20 }, { amount: 20 }] }, 'body')).toEqual([]);
		expect(valueDiff(lines, { billLineItems: [{ amount: 10 }, { amount: '20' }] }, 'body')).toEqual([
			'body.billLineItems[1].amount: a number in BILL\'s example (20), a string here ("20")',
		]);
	});

	test('date-times stay ISO 8601', () => {
		expect(valueDiff({ t: '2026-01-31T00:00:00.000Z' }, { t: '2026-01-31T10:00:00Z' }, 'q')).toEqual([]);
		expect(valueDiff({ t: '2026-01-31T00:00:00.000Z' }, { t: '01/31/2026 10:00' }, 'q')).toEqual(['q.t: a date-time (ISO 8601) in BILL\'s example, "01/31/2026 10:00" here']);
	});
});
