import type { FilterFieldDef, FilterOperator } from '../../catalog/types';

/**
 * The fields BILL filters its lists on, with BILL's operators per field (developer.bill.com
 * docs/filterable-fields; the Spend & Expense list references for transactions, cards, budgets).
 * A list's `filterFields` names these; a plain field name there is one BILL's pages do not cover
 * (kept from the list's responses, every operator offered: catalog/filters.ts).
 */
const ID: FilterOperator[] = ['eq', 'ne', 'in'];
const FLAG: FilterOperator[] = ['eq', 'ne'];
const TIME: FilterOperator[] = ['gt', 'gte', 'lt', 'lte'];
const ENUM: FilterOperator[] = ['eq', 'ne', 'in', 'nin'];
const REF: FilterOperator[] = ['eq', 'in'];
const EQ: FilterOperator[] = ['eq'];
const RANGE: FilterOperator[] = ['gte', 'lte'];

const field = (name: string, operators: FilterOperator[]): FilterFieldDef => ({ name, operators });

const timestamps = [field('createdTime', TIME), field('updatedTime', TIME)];

/** Vendors and customers share BILL's table; the currency field differs. */
const counterparty = (currency: 'billCurrency' | 'invoiceCurrency'): FilterFieldDef[] => [
	field('id', ID),
	field('archived', FLAG),
	field('name', ['eq', 'sw']),
	field('accountType', ENUM),
	field('address.country', FLAG),
	field(currency, ENUM),
	field('paymentStatus', ENUM),
	...timestamps,
];

const lineClassifications = (names: string[]) => names.map((n) => field(`classifications.${n}`, ID));

export const FILTERS = {
	vendor: counterparty('billCurrency'),
	customer: counterparty('invoiceCurrency'),
	bill: [
		field('id', ID),
		field('archived', FLAG),
		field('vendorId', REF),
		field('dueDate', TIME),
		field('paymentStatus', ID),
		...timestamps,
		field('payFromChartOfAccountId', ID),
		...lineClassifications(['chartOfAccountId', 'accountingClassId', 'departmentId', 'locationId', 'itemId']),
	],
	invoice: [
		field('id', ID),
		field('archived', FLAG),
		field('customerId', REF),
		...timestamps,
		field('payToChartOfAccountId', ID),
		...lineClassifications(['accountingClassId', 'departmentId', 'locationId', 'itemId']),
	],
	/** BILL's table lists id, archived and vendorId; createdTime / updatedTime are kept as undocumented. */
	recurringBill: [field('id', ID), field('archived', FLAG), field('vendorId', REF), 'createdTime', 'updatedTime'],
	/** BILL's page; BILL's own Postman example also filters on bankAccountId (kept as undocumented). */
	bankAccount: [
		field('id', ID),
		'bankAccountId',
		field('archived', FLAG),
		field('status', ENUM),
		field('type', FLAG),
		field('ownerType', FLAG),
		field('accessToAdmins', FLAG),
		...timestamps,
	],
	/** BILL's page documents id and vendorId of payments; the rest is undocumented. */
	payment: [field('id', ID), field('vendorId', ID), 'transactionNumber', 'billId', 'status', 'disbursementType', 'processDate', 'amount', 'createdTime', 'updatedTime'],
	transaction: [
		field('transactionIds', REF),
		field('cardId', REF),
		field('userId', REF),
		field('budgetId', REF),
		field('merchantName', EQ),
		field('fees', RANGE),
		field('syncStatus', ENUM),
		field('updatedTime', RANGE),
		field('authorizedTime', RANGE),
		'customFieldIds',
		'amount',
		'transactionType',
	],
	card: [field('status', EQ), field('budgetIds', REF), field('cardIds', REF), field('userIds', REF), field('types', REF)],
	/** BILL's reimbursements reference documents the submittedTime filter; the others come from the list's responses. */
	reimbursement: ['reimbursementIds', 'status', 'userId', 'budgetId', field('submittedTime', RANGE)],
	budget: [field('isBudgetGroup', EQ), field('budgetIds', REF), field('parentBudgetId', EQ), field('name', ['eq', 'sw']), field('retired', EQ)],
} satisfies Record<string, Array<string | FilterFieldDef>>;
