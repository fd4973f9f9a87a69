/**
 * Every operation is classified once (nodes/Bill/catalog/money.ts): read, record write, or money
 * movement and payment set-up. The README's reviewed list (between the money-operations markers)
 * is generated from it and checked here; `UPDATE_README=1 npx jest test/node/ai-tool-classification.test.ts`
 * rewrites it.
 */
import { readFileSync, writeFileSync } from 'fs';
import { join } from 'path';

import { classOf, moneyFieldsOf, moneyReason } from '../../nodes/Bill/catalog/money';
import { Bill } from '../../nodes/Bill/Bill.node';
import { resources } from '../../nodes/Bill/resources';

const README = join(__dirname, '..', '..', 'README.md');
const START = '<!-- money-operations:start -->';
const END = '<!-- money-operations:end -->';

function moneySection(): string {
	const counts = { read: 0, write: 0, money: 0 };
	const lines: string[] = [];
	for (const r of resources) {
		const money = r.operations.filter((o) => classOf(r.value, o) === 'money');
		for (const o of r.operations) counts[classOf(r.value, o)]++;
		const reasons = [...new Set(money.map((o) => moneyReason(r.value, o.operation) ?? 'BILL asks an MFA-trusted session for it'))];
		if (money.length) lines.push(`| ${r.name} | ${money.map((o) => o.name).join(', ')} | ${reasons.join('; ')} |`);
	}
	const withFields = resources.flatMap((r) => r.operations.filter((o) => classOf(r.value, o) === 'write' && moneyFieldsOf(o)).map((o) => `${r.name} ${o.name}`));
	return [
		START,
		`${counts.read} reads, ${counts.write} record writes, ${counts.money} money movement and payment set-up operations (generated from \`nodes/Bill/catalog/money.ts\`).`,
		'',
		'| Resource | Money movement and payment set-up | Why |',
		'|---|---|---|',
		...lines,
		'',
		`Record writes refused only when the item turns on automatic payment (vendor \`autoPay\`, recurring bill \`autoPayment\`): ${withFields.join(', ')}.`,
		END,
	].join('\n');
}

test('the README lists the money operations as classified', () => {
	const text = readFileSync(README, 'utf8');
	const expected = moneySection();
	if (process.env.UPDATE_README) writeFileSync(README, text.replace(new RegExp(`${START}[\\s\\S]*${END}`), expected));
	expect(readFileSync(README, 'utf8')).toContain(expected);
});

const cls = (resource: string, operation: string) => classOf(resource, resources.find((r) => r.value === resource)!.operations.find((o) => o.operation === operation)!);

test.each([
	['payment', 'create', 'money'],
	['payment', 'createMany', 'money'],
	['payment', 'createMass', 'money'],
	['payment', 'cancel', 'money'],
	['bankAccount', 'create', 'money'],
	['vendorBankAccount', 'create', 'money'],
	['card', 'create', 'money'],
	['card', 'getPanJwt', 'money'],
	['budget', 'update', 'money'],
	['billApproval', 'approveOrDeny', 'money'],
	['reimbursement', 'approveOrDeny', 'money'],
	['network', 'inviteVendor', 'money'],
	['payment', 'getAll', 'read'],
	['payment', 'getExchangeRates', 'read'],
	['vendor', 'getAll', 'read'],
	['vendor', 'create', 'write'],
	['vendor', 'update', 'write'],
	['vendor', 'upsert', 'write'],
	['customer', 'upsert', 'write'],
	['bill', 'create', 'write'],
	['bill', 'recordPayment', 'write'],
	['invoice', 'recordPayment', 'write'],
	['reimbursement', 'create', 'write'],
])('%s %s is a %s', (resource, operation, expected) => expect(cls(resource, operation)).toBe(expected));

test('every operation with BILL\'s MFA requirement is money movement or a write that can turn on auto-pay', () => {
	for (const r of resources) for (const o of r.operations) if (o.mfa) expect([classOf(r.value, o), moneyFieldsOf(o)]).not.toEqual(['read', false]);
	for (const r of resources) for (const o of r.operations) if (o.mfa && !moneyFieldsOf(o)) expect(classOf(r.value, o)).toBe('money');
});

test('the tool description (the operation action) of money movement says so; others do not', () => {
	const ops = new Bill().description.properties.filter((p) => p.name === 'operation');
	for (const r of resources) {
		const list = ops.find((p) => (p.displayOptions?.show?.resource as string[] | undefined)?.includes(r.value))!.options as Array<{ value: string; action?: string }>;
		for (const o of r.operations) {
			const action = list.find((x) => x.value === o.operation)!.action!;
			expect(/moves money; may need human approval/.test(action)).toBe(classOf(r.value, o) === 'money');
		}
	}
});
