/**
 * Vendor credits (BILL resource `vendorCredit`): a document with lines (../family/line-documents.ts).
 */
import { EXTRA } from '../family/accounts-payable';
import { docHandlers, LineDoc, settleCredit } from '../family/line-documents';
import type { Obj } from '../handlers';
import { invalid, isBlank, missing, num, round2 } from '../handlers';
import type { CustomHandler } from '../types';

const vendorCreditDoc: LineDoc = {
	collection: EXTRA.vendorCredits,
	linesKey: 'vendorCreditLineItems',
	party: { field: 'vendorId', collection: 'vendors' },
	linePrefix: '0vl',
	idPrefix: 'vcr',
	dateFields: ['creditDate'],
	requiredOnCreate: ['vendorId', 'referenceNumber', 'creditDate', 'vendorCreditLineItems'],
	check(b) {
		for (const [i, l] of ((b.vendorCreditLineItems as Obj[]) ?? []).entries()) {
			if (isBlank(l.amount)) return missing(`vendorCreditLineItems[${i}].amount`);
		}
		if (!isBlank(b.applyToChartOfAccountId) && !isBlank(b.applyToBankAccountId)) return invalid('applyToBankAccountId', b.applyToBankAccountId, 'Set one of applyToChartOfAccountId and applyToBankAccountId');
		return undefined;
	},
	compute(doc) {
		const lines = (doc.vendorCreditLineItems as Obj[]) ?? [];
		for (const l of lines) l.amount = round2(num(Number(l.amount)));
		settleCredit(doc, lines);
	},
};

export const handlers: CustomHandler[] = [
	...docHandlers(vendorCreditDoc, '/v3/vendor-credits', 'vendorCreditId', 'vendorCredits'),
];
