/**
 * Credit memos (BILL resource `creditMemo`): a document with lines (../family/line-documents.ts).
 */
import { EXTRA } from '../family/accounts-payable';
import { docHandlers, isSet, LineDoc, pricedLines, settleCredit } from '../family/line-documents';
import type { Obj } from '../handlers';
import { invalid, isBlank, num } from '../handlers';
import type { CustomHandler } from '../types';

const creditMemoDoc: LineDoc = {
	collection: EXTRA.creditMemos,
	linesKey: 'creditMemoLineItems',
	party: { field: 'customerId', collection: 'customers' },
	linePrefix: '0cl',
	idPrefix: 'ccr',
	dateFields: ['creditDate'],
	requiredOnCreate: ['customerId', 'referenceNumber', 'creditDate', 'creditMemoLineItems'],
	check(b) {
		for (const [i, l] of ((b.creditMemoLineItems as Obj[]) ?? []).entries()) {
			if (isSet(l.price) && isSet(l.ratePercent)) return invalid(`creditMemoLineItems[${i}]`, l, 'Set price or ratePercent, not both');
		}
		if (!isBlank(b.payToChartOfAccountId) && !isBlank(b.payToBankAccountId)) return invalid('payToBankAccountId', b.payToBankAccountId, 'Set payToChartOfAccountId or payToBankAccountId, not both');
		return undefined;
	},
	compute(doc) {
		const lines = (doc.creditMemoLineItems as Obj[]) ?? [];
		pricedLines(lines);
		settleCredit(doc, lines);
		doc.salesTaxTotal = num(doc.salesTaxTotal);
	},
};

export const handlers: CustomHandler[] = [
	...docHandlers(creditMemoDoc, '/v3/credit-memos', 'creditMemoId', 'creditMemos'),
];
