/**
 * THE reviewed allow-list of the contract suite (test/contract/contract.test.ts): every difference
 * between the BILL node (or the emulator) and BILL's own Postman examples that is not fixed, with
 * the reason. One entry per reason; `items` names, per Postman item (`METHOD /v3/template` as the
 * collection writes it), the exact differences the suite prints.
 *
 * - `fix: 'node'`: the node is wrong; the entry says precisely what to change. Fix it and delete the entry.
 * - `fix: 'emulator'`: the emulator's answer lacks keys BILL's example has (or has keys it does not): fix and delete.
 * - `fix: 'none'`: BILL's example is inconsistent, or the difference is intended (reason given).
 *
 * The suite fails on a difference not listed here, and on a listed difference that no longer occurs.
 */
export type Side = 'request' | 'response' | 'emulator';

export interface AllowEntry {
	id: string;
	side: Side;
	fix: 'node' | 'emulator' | 'none';
	reason: string;
	items: Record<string, string[]>;
}

export const ALLOW_LIST: AllowEntry[] = [
	{
		id: 'record-status-2026',
		side: 'emulator',
		fix: 'none',
		reason:
			"BILL added `recordStatus` to its bills and invoices answers on 2026-03-20 (changelog bills-invoices-api-improvements: ACTIVE, INACTIVE, DRAFT, DRAFT_DELETED), after its Postman collection; the emulator answers it as BILL does now.",
		items: {
			"POST /v3/bills": ["record.recordStatus: not in BILL's example"],
			"POST /v3/bills/bulk": ["record.recordStatus: not in BILL's example"],
			"POST /v3/bills/:billId/archive": ["record.recordStatus: not in BILL's example"],
			"POST /v3/bills/:billId/restore": ["record.recordStatus: not in BILL's example"],
			"POST /v3/invoices": ["record.recordStatus: not in BILL's example"],
			"POST /v3/invoices/:invoiceId/archive": ["record.recordStatus: not in BILL's example"],
			"POST /v3/invoices/:invoiceId/restore": ["record.recordStatus: not in BILL's example"],
		},
	},
	{
		id: 'quoted-numbers-in-examples',
		side: 'request',
		fix: 'none',
		reason:
			"These request examples write amounts and limits as JSON strings (\"100\"), while BILL's responses and its other examples of the same fields carry numbers (record-payment answers `amount` as a number; the budget examples send `recurringLimit: 200`; card responses have numeric limits). The node sends numbers, as its field types say; a string amount anywhere else is a difference the suite reports.",
		items: {
			'POST /v3/invoices/record-payment': ['body.amount: a string in BILL\'s example ("100"), a number here (100)', 'body.invoices[0].amount: a string in BILL\'s example ("50"), a number here (50)'],
			'PUT /v3/spend/budgets/:budgetId/members/:userId': ['body.limit: a string in BILL\'s example ("50"), a number here (50)', 'body.recurringLimit: a string in BILL\'s example ("100"), a number here (100)'],
			'POST /v3/spend/cards': ['body.limit: a string in BILL\'s example ("100"), a number here (100)'],
			'PATCH /v3/spend/cards/:cardId': ['body.limit: a string in BILL\'s example ("120"), a number here (120)'],
		},
	},
	{
		id: 'quoted-boolean-in-example',
		side: 'request',
		fix: 'none',
		reason:
			"[inferred] BILL's partner organization example quotes `mailingAddressSameAsPhysical` (\"true\"); every other yes/no field of BILL's examples is a JSON boolean, and the node sends a boolean.",
		items: {
			'POST /v3/partner/organizations': ['body.processingOptions.mailingAddressSameAsPhysical: a string in BILL\'s example ("true"), a boolean here (true)'],
		},
	},


	{
		id: 'custom-field-required',
		side: 'request',
		fix: 'none',
		reason:
			"Spend & Expense custom field Create: BILL's API reference (developer.bill.com createcustomfield; test/fixtures/endpoints.json) lists `required` (with `allowCustomValues` and `global`) as a required body field; the Postman example leaves it out. The node sends it (default false), as the reference asks.",
		items: {
			"POST /v3/spend/custom-fields": ["body.required: not in BILL's example"],
		},
	},
	{
		id: 'health-headers',
		side: 'request',
		fix: 'none',
		reason:
			"BILL's example of GET /v3/health sends no authentication headers; the node calls it with the BILL API credential like every Connect call, so devKey and sessionId go along (BILL's example suggests the health check does not need them).",
		items: {
			"GET /v3/health": ["header devKey: sent, not in BILL's example", "header sessionId: sent, not in BILL's example"],
		},
	},
	{
		id: 'postman-accept',
		side: 'request',
		fix: 'none',
		reason:
			"Only this Postman item leaves out the `Accept: application/json` header that all 301 others send; the node sends it on every JSON call.",
		items: {
			"DELETE /v3/subscriptions/:subscriptionId": ["header Accept: sent, not in BILL's example"],
		},
	},
	{
		id: 'test-event-entity',
		side: 'request',
		fix: 'none',
		reason:
			"Send Test Event: the entity object of the test event (`bill`, `vendor`, … named after the event type) has no fixed form field; the operation's hint says to use Send Body As: JSON for it (nodes/Bill/resources/webhookSubscription.ts).",
		items: {
			"POST /v3/subscriptions/:subscriptionId/test": ["body.bill: missing"],
		},
	},
	{
		id: 'postman-json',
		side: 'request',
		fix: 'none',
		reason:
			"BILL's example body is not valid JSON (hand-written in the collection: a trailing comma, a doubled quote before a key, an unquoted {{variable}}). The suite repairs exactly the named fault and compares the node's request with the repaired example.",
		items: {
			"POST /v3/classifications/departments": ["body: BILL's example is not JSON (trailing comma); compared after repairing it"],
			"PATCH /v3/classifications/departments/:id": ["body: BILL's example is not JSON (trailing comma); compared after repairing it"],
			"POST /v3/classifications/locations": ["body: BILL's example is not JSON (doubled quote before a key); compared after repairing it"],
			"POST /v3/network/invitation/accept": ["body: BILL's example is not JSON (unquoted {{variable}}); compared after repairing it"],
		},
	},
	{
		id: 'login-output',
		side: 'response',
		fix: 'none',
		reason:
			"Session → Log In outputs what BILL's sign-in returns — organizationId, userId, trusted, never sessionId — for the session the credential holds (the node signs in only when needed): organization and user from GET /v3/login/session, trusted from the credential's sign-in. The keys are BILL's; the capture server answers those two calls with other example values.",
		items: {
			"POST /v3/login": ["200: output item 1 is not BILL's record 1 of object (same keys, other values)"],
		},
	},


	{
		id: 'mfa-2026',
		side: 'request',
		fix: 'none',
		reason:
			"BILL's MFA change (changelog 2026-02-06, in force since 2026-03-30): `primary: false` and `useBackup: true` are refused with HTTP 400 and both fields are optional, so the node no longer sends them; the Postman collection predates the change. Generate Challenge sends `{ \"useBackup\": false }`, the one value BILL still accepts, as a JSON boolean (BILL's example quotes it: \"false\").",
		items: {
			"POST /v3/mfa/setup": ["body.primary: missing"],
			"POST /v3/mfa/challenge": ['body.useBackup: a string in BILL\'s example ("false"), a boolean here (false)'],
		},
	},
	{
		id: 'bill-approval-each-item',
		side: 'response',
		fix: 'none',
		reason:
			"Bill Approval → Approve or Deny sends one element per input item; BILL acknowledges the batch with `{status: SUCCESS}`. Each item's output is its own element (billId, action, comment) with BILL's status, so the user sees which bill was approved or denied.",
		items: {
			"POST /v3/bill-approvals/actions": ["200: output item 1 is not BILL's record 1 of object (record.billId: not in BILL's example; record.action: not in BILL's example; record.comment: not in BILL's example)"],
		},
	},
	{
		id: 'exchange-rate-2026',
		side: 'emulator',
		fix: 'none',
		reason:
			"Since BILL's changelog of 2026-01-20 (Payments API improvements; docs/ap-international-payments), the exchange rate answer also carries exchangeRateBatchId, billCurrency and vendorId, which international payments need. BILL's Postman collection predates the change; the emulator answers the 2026 shape.",
		items: {
			"GET /v3/payments/exchange-rate": ["record.billCurrency: not in BILL's example", "record.exchangeRateBatchId: not in BILL's example", "record.vendorId: not in BILL's example"],
		},
	},
	{
		id: 'download-binary',
		side: 'response',
		fix: 'none',
		reason:
			"Downloads: the node fetches `downloadLink` and returns the file as binary data; the link itself (short-lived, authenticated) is removed from the JSON on purpose.",
		items: {
			"GET /v3/attachments/:attachmentId": ["200: output item 1 is not BILL's record 1 of object (record.downloadLink: missing)"],
			"GET /v3/documents/:documentId": ["200: output item 1 is not BILL's record 1 of object (record.downloadLink: missing)"],
			"GET /v3/payments/:paymentId/check-image": ["200: output item 1 is not BILL's record 1 of {results: [...], nextPage?, prevPage?} (record.downloadLink: missing)", "200: output item 2 is not BILL's record 2 of {results: [...], nextPage?, prevPage?} (record.downloadLink: missing)"],
		},
	},
	{
		id: 'upload-wait',
		side: 'response',
		fix: 'none',
		reason:
			"Document Upload waits for BILL's processing (Wait for Processing, up to Max Wait): the suite sets Max Wait to 0 (the capture server processes nothing), so the output is BILL's upload answer plus `uploadId` and `processing: true`, which tell the user that BILL is still processing the file (issue 9 §2: the wait ends with the upload, not an error).",
		items: {
			"POST /v3/documents/bills/:billId": ["200: output item 1 is not BILL's record 1 of object (record.uploadId: not in BILL's example; record.processing: not in BILL's example)"],
		},
	},

	{
		id: 'partner-login-secret',
		side: 'response',
		fix: 'none',
		reason:
			"Partner Session → Log In: BILL answers only `{sessionId}`, a secret the node never outputs; the node outputs `{success: true}` instead.",
		items: {
			"POST /v3/partner/login": ["200: output item 1 is not BILL's record 1 of object (record.success: not in BILL's example)"],
		},
	},

	{
		id: 'webhook-empty-example',
		side: 'response',
		fix: 'none',
		reason:
			"BILL's example answer of this webhook list is an empty object `{}` (no list page, no records): there is nothing to compare with. The node and the emulator use the list page every other list has.",
		items: {
			"GET /v3/events/subscription/:subscriptionId": ["200: the node output 0 item(s); BILL's example (object) documents 1"],
			"GET /v3/subscriptions": ["200: the node output 0 item(s); BILL's example (object) documents 1"],
		},
	},
	{
		id: 'webhook-empty-example-emu',
		side: 'emulator',
		fix: 'none',
		reason:
			"BILL's example answer of this webhook list is an empty object `{}` (no list page, no records): there is nothing to compare with. The emulator answers the list page every other list has.",
		items: {
			"GET /v3/events/subscription/:subscriptionId": ["wrapper: BILL's example is object, the emulator answers {results: [...], nextPage?, prevPage?}"],
			"GET /v3/subscriptions": ["wrapper: BILL's example is object, the emulator answers {results: [...], nextPage?, prevPage?}"],
		},
	},
	{
		id: 'subscription-example-broken',
		side: 'emulator',
		fix: 'none',
		reason:
			"BILL's example answer of a subscription is broken: `status` and `events[]` hold `{value: \"reference #/components/schemas/… not found in the OpenAPI spec\"}` instead of the subscription's status and events, so `status.enabled` and `events[].type/version` (what BILL's request example sends) cannot be matched. `status.value`, `status.description` and `events[].value` are that error text, not fields of a subscription: the emulator answers the status and events as BILL's requests send them (`{enabled}`, `{type, version}`).",
		items: {
			"POST /v3/subscriptions": ["record.status.value: missing", "record.status.description: missing", "record.status.enabled: not in BILL's example", "record.events[0].value: missing", "record.events[0].type: not in BILL's example", "record.events[0].version: not in BILL's example"],
			"GET /v3/subscriptions/:subscriptionId": ["record.status.value: missing", "record.status.description: missing", "record.status.enabled: not in BILL's example", "record.events[0].value: missing", "record.events[0].type: not in BILL's example", "record.events[0].version: not in BILL's example"],
			"PUT /v3/subscriptions/:subscriptionId": ["record.status.value: missing", "record.status.description: missing", "record.status.enabled: not in BILL's example", "record.events[0].value: missing", "record.events[0].type: not in BILL's example", "record.events[0].version: not in BILL's example"],
			"PATCH /v3/subscriptions/:subscriptionId": ["record.status.value: missing", "record.status.description: missing", "record.status.enabled: not in BILL's example", "record.events[0].value: missing", "record.events[0].type: not in BILL's example", "record.events[0].version: not in BILL's example"],
		},
	},
	{
		id: 'emu-newer-bill-fields',
		side: 'emulator',
		fix: 'none',
		reason:
			"Explained, not to fix (issue 17): BILL added `vendorName` to its bills answers (changelog 2025-04-02, GET /v3/bills and /v3/bills/{billId}; [inferred] its create, bulk, replace, update, archive, restore and record-payment answers of the same bill object carry it too), after these Postman examples. Invoice lines: BILL's own request examples send a line `amount` (the node offers it), and [inferred] BILL answers the line as it was sent; the Postman response examples leave it out.",
		items: {
			"POST /v3/bills": ["record.vendorName: not in BILL's example"],
			"POST /v3/bills/bulk": ["record.vendorName: not in BILL's example"],
			"POST /v3/bills/record-payment": ["record.vendorName: not in BILL's example"],
			"PUT /v3/bills/:billId": ["record.vendorName: not in BILL's example"],
			"PATCH /v3/bills/:billId": ["record.vendorName: not in BILL's example"],
			"POST /v3/bills/:billId/archive": ["record.vendorName: not in BILL's example"],
			"POST /v3/bills/:billId/restore": ["record.vendorName: not in BILL's example"],
			"GET /v3/invoices": ["record.invoiceLineItems[0].amount: not in BILL's example"],
			"POST /v3/invoices": ["record.invoiceLineItems[0].amount: not in BILL's example"],
			"GET /v3/invoices/:invoiceId": ["record.invoiceLineItems[0].amount: not in BILL's example"],
			"PUT /v3/invoices/:invoiceId": ["record.invoiceLineItems[0].amount: not in BILL's example"],
			"PATCH /v3/invoices/:invoiceId": ["record.invoiceLineItems[0].amount: not in BILL's example"],
			"POST /v3/invoices/:invoiceId/archive": ["record.invoiceLineItems[0].amount: not in BILL's example"],
			"POST /v3/invoices/:invoiceId/restore": ["record.invoiceLineItems[0].amount: not in BILL's example"],
		},
	},
	{
		id: 'emu-page-tokens',
		side: 'emulator',
		fix: 'none',
		reason:
			"BILL's example of each of these lists is a page in the middle of a longer list: it has both `nextPage` and `prevPage`. In this run the emulator's answer is the first (and only) page, so it has no `prevPage` and, where nothing follows, no `nextPage`; it gives `nextPage` while records follow and `prevPage` after the first page (test/emulator/generic.ts listResponse). [inferred] BILL too leaves out a token for a page that does not exist; the node follows `nextPage` only when present.",
		items: {
			"GET /v3/attachments/customers/:customerId": ["page.nextPage: missing", "page.prevPage: missing"],
			"GET /v3/attachments/invoices/:invoiceId": ["page.nextPage: missing", "page.prevPage: missing"],
			"GET /v3/attachments/vendors/:vendorId": ["page.nextPage: missing", "page.prevPage: missing"],
			"GET /v3/bills": ["page.nextPage: missing", "page.prevPage: missing"],
			"GET /v3/classifications/accounting-classes": ["page.nextPage: missing", "page.prevPage: missing"],
			"GET /v3/classifications/chart-of-accounts": ["page.nextPage: missing", "page.prevPage: missing"],
			"GET /v3/classifications/departments": ["page.nextPage: missing", "page.prevPage: missing"],
			"GET /v3/classifications/employees": ["page.nextPage: missing", "page.prevPage: missing"],
			"GET /v3/classifications/items": ["page.nextPage: missing", "page.prevPage: missing"],
			"GET /v3/classifications/jobs": ["page.nextPage: missing", "page.prevPage: missing"],
			"GET /v3/classifications/locations": ["page.nextPage: missing", "page.prevPage: missing"],
			"GET /v3/credit-memos": ["page.nextPage: missing", "page.prevPage: missing"],
			"GET /v3/customers": ["page.prevPage: missing"],
			"GET /v3/documents/bills/:billId": ["page.nextPage: missing", "page.prevPage: missing"],
			"GET /v3/funding-accounts/banks": ["page.nextPage: missing", "page.prevPage: missing"],
			"GET /v3/funding-accounts/banks/users": ["page.nextPage: missing", "page.prevPage: missing"],
			"GET /v3/funding-accounts/cards/users": ["page.nextPage: missing", "page.prevPage: missing"],
			"GET /v3/invoices": ["page.nextPage: missing", "page.prevPage: missing"],
			"GET /v3/organizations/:organizationId/billing-statements": ["page.nextPage: missing", "page.prevPage: missing"],
			"GET /v3/payments": ["page.nextPage: missing", "page.prevPage: missing"],
			"GET /v3/receivable-payments": ["page.nextPage: missing", "page.prevPage: missing"],
			"GET /v3/recurring-invoices": ["page.nextPage: missing", "page.prevPage: missing"],
			"GET /v3/recurringbills": ["page.nextPage: missing", "page.prevPage: missing"],
			"GET /v3/roles": ["page.prevPage: missing"],
			"GET /v3/users": ["page.nextPage: missing", "page.prevPage: missing"],
			"GET /v3/vendor-credits": ["page.nextPage: missing", "page.prevPage: missing"],
			"GET /v3/vendors": ["page.prevPage: missing"],
			"GET /v3/partner/organizations": ["page.nextPage: missing", "page.prevPage: missing"],
			"GET /v3/partner/roles": ["page.prevPage: missing"],
			"GET /v3/partner/users": ["page.prevPage: missing"],
			"GET /v3/spend/budgets": ["page.nextPage: missing", "page.prevPage: missing"],
			"GET /v3/spend/budgets/:budgetId/members": ["page.nextPage: missing", "page.prevPage: missing"],
			"GET /v3/spend/cards": ["page.nextPage: missing", "page.prevPage: missing"],
			"GET /v3/spend/custom-fields": ["page.nextPage: missing", "page.prevPage: missing"],
			"GET /v3/spend/custom-fields/:customFieldId/values": ["page.nextPage: missing", "page.prevPage: missing"],
			"GET /v3/spend/reimbursements": ["page.nextPage: missing", "page.prevPage: missing"],
			"GET /v3/spend/transactions": ["page.nextPage: missing", "page.prevPage: missing"],
			"GET /v3/spend/transactions/:transactionId/custom-fields/:customFieldId/values": ["page.nextPage: missing", "page.prevPage: missing"],
			"GET /v3/spend/users": ["page.prevPage: missing"],
		},
	},
	{
		id: 'emu-empty-lists',
		side: 'emulator',
		fix: 'none',
		reason:
			"The record in this run has none of these (no vendor credit applied to the bill payment, no void requested, no approvers because no approval policy applies, no payment received on the invoice, no receipt or custom field, no purpose codes for a domestic vendor, …): the emulator answers the empty list, BILL's example shows a record that has some. Each list is filled when the record has entries (e.g. approvers with billApprovals and a policy: test/node/bill-changes-2026.test.ts).",
		items: {
			"POST /v3/bills": ["record.approvers: empty here, BILL's example has elements"],
			"POST /v3/bills/bulk": ["record.approvers: empty here, BILL's example has elements"],
			"POST /v3/bills/record-payment": ["record.billPayments[0].vendorCredits: empty here, BILL's example has elements"],
			"GET /v3/bills/:billId": ["record.approvers: empty here, BILL's example has elements"],
			"PUT /v3/bills/:billId": ["record.approvers: empty here, BILL's example has elements"],
			"PATCH /v3/bills/:billId": ["record.approvers: empty here, BILL's example has elements"],
			"POST /v3/bills/:billId/archive": ["record.approvers: empty here, BILL's example has elements"],
			"POST /v3/bills/:billId/restore": ["record.approvers: empty here, BILL's example has elements"],
			"POST /v3/bill-approvals/policies": ["record.approvers.groups: empty here, BILL's example has elements"],
			"PUT /v3/bill-approvals/policies/:policyId": ["record.approvers.groups: empty here, BILL's example has elements"],
			"GET /v3/invoices": ["record.payments: empty here, BILL's example has elements"],
			"POST /v3/invoices": ["record.payments: empty here, BILL's example has elements"],
			"GET /v3/invoices/:invoiceId": ["record.payments: empty here, BILL's example has elements"],
			"PUT /v3/invoices/:invoiceId": ["record.payments: empty here, BILL's example has elements"],
			"PATCH /v3/invoices/:invoiceId": ["record.payments: empty here, BILL's example has elements"],
			"POST /v3/invoices/:invoiceId/archive": ["record.payments: empty here, BILL's example has elements"],
			"POST /v3/invoices/:invoiceId/restore": ["record.payments: empty here, BILL's example has elements"],
			"GET /v3/payments": ["record.billPayments[0].vendorCredits: empty here, BILL's example has elements", "record.voidInfo: empty here, BILL's example has elements"],
			"POST /v3/payments": ["record.billPayments[0].vendorCredits: empty here, BILL's example has elements", "record.voidInfo: empty here, BILL's example has elements"],
			"POST /v3/payments/bulk": ["record.billPayments[0].vendorCredits: empty here, BILL's example has elements", "record.voidInfo: empty here, BILL's example has elements"],
			"GET /v3/payments/:paymentId": ["record.billPayments[0].vendorCredits: empty here, BILL's example has elements", "record.voidInfo: empty here, BILL's example has elements"],
			"POST /v3/payments/:paymentId/cancel": ["record.billPayments[0].vendorCredits: empty here, BILL's example has elements", "record.voidInfo: empty here, BILL's example has elements"],
			"POST /v3/payments/:paymentId/void": ["record.billPayments[0].vendorCredits: empty here, BILL's example has elements"],
			"GET /v3/vendors/configuration/international-payments": ["record.paymentPurpose.codes: empty here, BILL's example has elements", "record.validations.fields: empty here, BILL's example has elements"],
			"GET /v3/vendors/:vendorId/configuration": ["record.internationalPayments.paymentPurpose.codes: empty here, BILL's example has elements", "record.internationalPayments.validations.fields: empty here, BILL's example has elements"],
			"POST /v3/spend/custom-fields": ["record.selectedBudgetIds: empty here, BILL's example has elements", "record.selectedBudgetUuids: empty here, BILL's example has elements", "record.requiredBudgetIds: empty here, BILL's example has elements", "record.requiredBudgetUuids: empty here, BILL's example has elements"],
			"POST /v3/spend/reimbursements": ["record.customFields: empty here, BILL's example has elements"],
			"GET /v3/spend/reimbursements/:reimbursementId": ["record.receipts: empty here, BILL's example has elements", "record.customFields: empty here, BILL's example has elements"],
			"PATCH /v3/spend/reimbursements/:reimbursementId": ["record.receipts: empty here, BILL's example has elements", "record.customFields: empty here, BILL's example has elements"],
			"POST /v3/spend/reimbursements/:reimbursementId/action": ["record.receipts: empty here, BILL's example has elements", "record.customFields: empty here, BILL's example has elements"],
		},
	},
	{
		id: 'emu-money-references',
		side: 'emulator',
		fix: 'none',
		reason:
			"Money path, explained: IDs of records the emulator does not model — chart of accounts (`chartOfAccountId`, `payFromChartOfAccountId`, `payToChartOfAccountId`), accounting `classifications`, payment terms (`paymentTermId`), sales tax items (`salesTaxItemId`), the invoice PDF (`invoicePdfId`), the RPPS biller (`rppsId`). BILL fills them from the organization's accounting setup or from what was sent; the emulator keeps them when they are sent and does not invent IDs.",
		items: {
			"POST /v3/bills": ["record.billLineItems[0].classifications: missing", "record.payFromChartOfAccountId: missing", "record.classifications: missing"],
			"POST /v3/bills/bulk": ["record.billLineItems[0].classifications: missing", "record.payFromChartOfAccountId: missing", "record.classifications: missing"],
			"POST /v3/bills/record-payment": ["record.classifications.chartOfAccountId: missing"],
			"GET /v3/bills/:billId": ["record.billLineItems[0].classifications: missing", "record.payFromChartOfAccountId: missing", "record.classifications: missing"],
			"PUT /v3/bills/:billId": ["record.billLineItems[0].classifications: missing", "record.payFromChartOfAccountId: missing", "record.classifications: missing"],
			"PATCH /v3/bills/:billId": ["record.billLineItems[0].classifications: missing", "record.payFromChartOfAccountId: missing", "record.classifications: missing"],
			"POST /v3/bills/:billId/archive": ["record.billLineItems[0].classifications: missing", "record.payFromChartOfAccountId: missing", "record.classifications: missing"],
			"POST /v3/bills/:billId/restore": ["record.billLineItems[0].classifications: missing", "record.payFromChartOfAccountId: missing", "record.classifications: missing"],
			"GET /v3/customers": ["record.paymentTermId: missing"],
			"POST /v3/customers": ["record.paymentTermId: missing"],
			"GET /v3/customers/:customerId": ["record.paymentTermId: missing"],
			"PATCH /v3/customers/:customerId": ["record.paymentTermId: missing"],
			"POST /v3/customers/:customerId/archive": ["record.paymentTermId: missing"],
			"POST /v3/customers/:customerId/restore": ["record.paymentTermId: missing"],
			"GET /v3/funding-accounts/banks": ["record.chartOfAccountId: missing"],
			"POST /v3/funding-accounts/banks": ["record.chartOfAccountId: missing"],
			"GET /v3/funding-accounts/banks/:bankAccountId": ["record.chartOfAccountId: missing"],
			"PATCH /v3/funding-accounts/banks/:bankAccountId": ["record.chartOfAccountId: missing"],
			"POST /v3/funding-accounts/banks/:bankAccountId/archive": ["record.chartOfAccountId: missing"],
			"GET /v3/invoices": ["record.invoiceLineItems[0].classifications: missing", "record.payToChartOfAccountId: missing", "record.classifications: missing", "record.salesTaxItemId: missing", "record.invoicePdfId: missing"],
			"POST /v3/invoices": ["record.invoiceLineItems[0].classifications: missing", "record.payToChartOfAccountId: missing", "record.classifications: missing", "record.salesTaxItemId: missing", "record.invoicePdfId: missing"],
			"GET /v3/invoices/:invoiceId": ["record.invoiceLineItems[0].classifications: missing", "record.payToChartOfAccountId: missing", "record.classifications: missing", "record.salesTaxItemId: missing", "record.invoicePdfId: missing"],
			"PUT /v3/invoices/:invoiceId": ["record.invoiceLineItems[0].classifications: missing", "record.payToChartOfAccountId: missing", "record.classifications: missing", "record.salesTaxItemId: missing", "record.invoicePdfId: missing"],
			"PATCH /v3/invoices/:invoiceId": ["record.invoiceLineItems[0].classifications: missing", "record.payToChartOfAccountId: missing", "record.classifications: missing", "record.salesTaxItemId: missing", "record.invoicePdfId: missing"],
			"POST /v3/invoices/:invoiceId/archive": ["record.invoiceLineItems[0].classifications: missing", "record.payToChartOfAccountId: missing", "record.classifications: missing", "record.salesTaxItemId: missing", "record.invoicePdfId: missing"],
			"POST /v3/invoices/:invoiceId/restore": ["record.invoiceLineItems[0].classifications: missing", "record.payToChartOfAccountId: missing", "record.classifications: missing", "record.salesTaxItemId: missing", "record.invoicePdfId: missing"],
			"GET /v3/vendors": ["record.additionalInfo.paymentTermId: missing", "record.rppsId: missing"],
			"POST /v3/vendors": ["record.additionalInfo.paymentTermId: missing", "record.rppsId: missing"],
			"POST /v3/vendors/bulk": ["record.additionalInfo.paymentTermId: missing", "record.rppsId: missing"],
			"GET /v3/vendors/:vendorId": ["record.additionalInfo.paymentTermId: missing", "record.rppsId: missing"],
			"PATCH /v3/vendors/:vendorId": ["record.additionalInfo.paymentTermId: missing", "record.rppsId: missing"],
			"POST /v3/vendors/:vendorId/archive": ["record.additionalInfo.paymentTermId: missing", "record.rppsId: missing"],
			"POST /v3/vendors/:vendorId/restore": ["record.additionalInfo.paymentTermId: missing", "record.rppsId: missing"],
		},
	},
	{
		id: 'emu-money-conditional',
		side: 'emulator',
		fix: 'none',
		reason:
			"Money path, explained: optional fields BILL fills only for some records or from data the emulator does not model — the disbursement details of other disbursement types (BILL's example shows all six, a payment has the one of its type), the check delivery type (checks only), the international `paymentPurpose` and the card `cardFundingPurpose`, the funding account of a payment recorded as paid outside BILL, the auto-pay set-up (`autoPay.*` beyond `enabled`), virtual card enrolment, the vendor's payment sub-type, tax ID type, lead time and combine-payments setting, `lastPaymentDate` (set once the vendor is paid), line `quantity`/`price` of a line given only an amount, an invoice's `convenienceFee`, a funding option's `reason` (only when it is not available), a card account's `rates.activePromotion`, and the description of a recorded invoice payment when none was sent. The emulator's shapes (test/emulator/family/shapes.ts) give every field it can state; these it cannot.",
		items: {
			"POST /v3/bills": ["record.billLineItems[0].quantity: missing", "record.billLineItems[0].price: missing"],
			"POST /v3/bills/bulk": ["record.billLineItems[0].quantity: missing", "record.billLineItems[0].price: missing"],
			"GET /v3/bills/:billId": ["record.billLineItems[0].quantity: missing", "record.billLineItems[0].price: missing"],
			"PUT /v3/bills/:billId": ["record.billLineItems[0].quantity: missing", "record.billLineItems[0].price: missing"],
			"PATCH /v3/bills/:billId": ["record.billLineItems[0].quantity: missing", "record.billLineItems[0].price: missing"],
			"POST /v3/bills/:billId/archive": ["record.billLineItems[0].quantity: missing", "record.billLineItems[0].price: missing"],
			"POST /v3/bills/:billId/restore": ["record.billLineItems[0].quantity: missing", "record.billLineItems[0].price: missing"],
			"GET /v3/funding-accounts/cards": ["record.rates.activePromotion: missing"],
			"GET /v3/invoices": ["record.convenienceFee: missing"],
			"POST /v3/invoices": ["record.invoiceLineItems[0].price: missing", "record.convenienceFee: missing"],
			"POST /v3/invoices/record-payment": ["record.description: missing"],
			"GET /v3/invoices/:invoiceId": ["record.convenienceFee: missing"],
			"PUT /v3/invoices/:invoiceId": ["record.invoiceLineItems[0].price: missing", "record.convenienceFee: missing"],
			"PATCH /v3/invoices/:invoiceId": ["record.convenienceFee: missing"],
			"POST /v3/invoices/:invoiceId/archive": ["record.convenienceFee: missing"],
			"POST /v3/invoices/:invoiceId/restore": ["record.convenienceFee: missing"],
			"GET /v3/payments": ["record.fundingAccount: missing", "record.processingOptions.requestCheckDeliveryType: missing", "record.disbursementInfo.checkDisbursement: missing", "record.disbursementInfo.achDisbursement: missing", "record.disbursementInfo.rppsDisbursement: missing", "record.disbursementInfo.internationalDisbursement: missing", "record.disbursementInfo.vcardDisbursement: missing", "record.disbursementInfo.walletDisbursement: missing", "record.paymentPurpose: missing", "record.cardFundingPurpose: missing"],
			"POST /v3/payments": ["record.processingOptions.requestCheckDeliveryType: missing", "record.disbursementInfo.achDisbursement: missing", "record.disbursementInfo.rppsDisbursement: missing", "record.disbursementInfo.internationalDisbursement: missing", "record.disbursementInfo.vcardDisbursement: missing", "record.disbursementInfo.walletDisbursement: missing", "record.paymentPurpose: missing", "record.cardFundingPurpose: missing"],
			"POST /v3/payments/bulk": ["record.processingOptions.requestCheckDeliveryType: missing", "record.disbursementInfo.achDisbursement: missing", "record.disbursementInfo.rppsDisbursement: missing", "record.disbursementInfo.internationalDisbursement: missing", "record.disbursementInfo.vcardDisbursement: missing", "record.disbursementInfo.walletDisbursement: missing", "record.paymentPurpose: missing", "record.cardFundingPurpose: missing"],
			"GET /v3/payments/options": ["record.fundingOptions.banks[0].reason: missing", "record.fundingOptions.banks[2].reason: missing", "record.fundingOptions.banks[3].reason: missing", "record.fundingOptions.banks[4].reason: missing", "record.fundingOptions.banks[5].reason: missing", "record.fundingOptions.cards[0].reason: missing", "record.fundingOptions.cards[1].reason: missing", "record.fundingOptions.cards[2].reason: missing"],
			"GET /v3/payments/:paymentId": ["record.processingOptions.requestCheckDeliveryType: missing", "record.disbursementInfo.achDisbursement: missing", "record.disbursementInfo.rppsDisbursement: missing", "record.disbursementInfo.internationalDisbursement: missing", "record.disbursementInfo.vcardDisbursement: missing", "record.disbursementInfo.walletDisbursement: missing", "record.paymentPurpose: missing", "record.cardFundingPurpose: missing"],
			"POST /v3/payments/:paymentId/cancel": ["record.processingOptions.requestCheckDeliveryType: missing", "record.disbursementInfo.checkDisbursement: missing", "record.disbursementInfo.achDisbursement: missing", "record.disbursementInfo.rppsDisbursement: missing", "record.disbursementInfo.internationalDisbursement: missing", "record.disbursementInfo.vcardDisbursement: missing", "record.disbursementInfo.walletDisbursement: missing", "record.paymentPurpose: missing", "record.cardFundingPurpose: missing"],
			"POST /v3/payments/:paymentId/void": ["record.processingOptions.requestCheckDeliveryType: missing", "record.disbursementInfo.achDisbursement: missing", "record.disbursementInfo.rppsDisbursement: missing", "record.disbursementInfo.internationalDisbursement: missing", "record.disbursementInfo.vcardDisbursement: missing", "record.disbursementInfo.walletDisbursement: missing", "record.paymentPurpose: missing", "record.cardFundingPurpose: missing"],
			"GET /v3/vendors": ["record.paymentInformation.lastPaymentDate: missing", "record.paymentInformation.payBySubType: missing", "record.paymentInformation.virtualCard: missing", "record.paymentInformation.bankAccount: missing", "record.paymentInformation.paymentPurpose: missing", "record.additionalInfo.taxIdType: missing", "record.additionalInfo.leadTimeInDays: missing", "record.additionalInfo.combinePayments: missing", "record.autoPay.bankAccountId: missing", "record.autoPay.createdBy: missing", "record.autoPay.maxAmount: missing", "record.autoPay.daysBeforeDueDate: missing"],
			"POST /v3/vendors": ["record.paymentInformation.lastPaymentDate: missing", "record.paymentInformation.payBySubType: missing", "record.paymentInformation.virtualCard: missing", "record.paymentInformation.bankAccount: missing", "record.paymentInformation.paymentPurpose: missing", "record.additionalInfo.taxIdType: missing", "record.additionalInfo.leadTimeInDays: missing", "record.additionalInfo.combinePayments: missing", "record.autoPay.bankAccountId: missing", "record.autoPay.createdBy: missing", "record.autoPay.maxAmount: missing", "record.autoPay.daysBeforeDueDate: missing"],
			"POST /v3/vendors/bulk": ["record.paymentInformation.lastPaymentDate: missing", "record.paymentInformation.payBySubType: missing", "record.paymentInformation.virtualCard: missing", "record.paymentInformation.bankAccount: missing", "record.paymentInformation.paymentPurpose: missing", "record.additionalInfo.taxIdType: missing", "record.additionalInfo.leadTimeInDays: missing", "record.additionalInfo.combinePayments: missing", "record.autoPay.bankAccountId: missing", "record.autoPay.createdBy: missing", "record.autoPay.maxAmount: missing", "record.autoPay.daysBeforeDueDate: missing"],
			"GET /v3/vendors/:vendorId": ["record.paymentInformation.lastPaymentDate: missing", "record.paymentInformation.payBySubType: missing", "record.paymentInformation.virtualCard: missing", "record.paymentInformation.bankAccount: missing", "record.paymentInformation.paymentPurpose: missing", "record.additionalInfo.taxIdType: missing", "record.additionalInfo.leadTimeInDays: missing", "record.additionalInfo.combinePayments: missing", "record.autoPay.bankAccountId: missing", "record.autoPay.createdBy: missing", "record.autoPay.maxAmount: missing", "record.autoPay.daysBeforeDueDate: missing"],
			"PATCH /v3/vendors/:vendorId": ["record.paymentInformation.lastPaymentDate: missing", "record.paymentInformation.payBySubType: missing", "record.paymentInformation.virtualCard: missing", "record.paymentInformation.bankAccount: missing", "record.paymentInformation.paymentPurpose: missing", "record.additionalInfo.taxIdType: missing", "record.additionalInfo.leadTimeInDays: missing", "record.additionalInfo.combinePayments: missing", "record.autoPay.bankAccountId: missing", "record.autoPay.createdBy: missing", "record.autoPay.maxAmount: missing", "record.autoPay.daysBeforeDueDate: missing"],
			"POST /v3/vendors/:vendorId/archive": ["record.paymentInformation.lastPaymentDate: missing", "record.paymentInformation.payBySubType: missing", "record.paymentInformation.virtualCard: missing", "record.paymentInformation.bankAccount: missing", "record.paymentInformation.paymentPurpose: missing", "record.additionalInfo.taxIdType: missing", "record.additionalInfo.leadTimeInDays: missing", "record.additionalInfo.combinePayments: missing", "record.autoPay.bankAccountId: missing", "record.autoPay.createdBy: missing", "record.autoPay.maxAmount: missing", "record.autoPay.daysBeforeDueDate: missing"],
			"POST /v3/vendors/:vendorId/restore": ["record.paymentInformation.lastPaymentDate: missing", "record.paymentInformation.payBySubType: missing", "record.paymentInformation.virtualCard: missing", "record.paymentInformation.bankAccount: missing", "record.paymentInformation.paymentPurpose: missing", "record.additionalInfo.taxIdType: missing", "record.additionalInfo.leadTimeInDays: missing", "record.additionalInfo.combinePayments: missing", "record.autoPay.bankAccountId: missing", "record.autoPay.createdBy: missing", "record.autoPay.maxAmount: missing", "record.autoPay.daysBeforeDueDate: missing"],
		},
	},
	{
		id: 'emu-card-user-id',
		side: 'emulator',
		fix: 'none',
		reason:
			"BILL's example of a card account's users names no ID of the user entry; the emulator keeps one on each (its lists page by it, and test/node/accounts-payable.test.ts tells the 132 entries of a long list apart by it). Kept, explained.",
		items: {
			"GET /v3/funding-accounts/cards/users": ["record.id: not in BILL's example"],
		},
	},
	{
		id: 'emu-transaction-custom-field-ids',
		side: 'emulator',
		fix: 'none',
		reason:
			"BILL's transactions show their custom fields' `id` and `uuid` only when asked with `showCustomFieldIds=true` (a query parameter of Get Transaction and the transaction list; the coverage run of Get sets it). BILL's Update a transaction reference (PUT, body `budgetId` only) takes no such parameter, so [inferred] its answer, like a Get without it, leaves the IDs out; BILL's Postman example shows the full schema.",
		items: {
			"PUT /v3/spend/transactions/:transactionId": ["record.customFields[0].id: missing", "record.customFields[0].uuid: missing"],
		},
	},
];
