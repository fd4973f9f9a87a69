/**
 * The emulator's behaviour beyond the generic routes, one module per BILL resource (named as the
 * node's nodes/Bill/resources/*.ts) plus the rules a family shares (../family/). Each module exports
 * `handlers: CustomHandler[]` and may also export `collectionAliases: Record<string, string>` (rename
 * a derived collection, e.g. `{'attachments/vendors': 'attachments'}`) and `seed(emu)` (fixed data,
 * run at start and on reset, in the order of `modules`).
 */
import * as accountsPayable from '../family/accounts-payable';
import * as connect from '../family/connect';
import * as partner from '../family/partner';
import * as spendRoutes from '../family/spend-routes';
import type { CustomHandler, Emulator } from '../types';
import * as attachment from './attachment';
import * as bankAccount from './bankAccount';
import * as bill from './bill';
import * as billApproval from './billApproval';
import * as budget from './budget';
import * as budgetMember from './budgetMember';
import * as card from './card';
import * as cardAccount from './cardAccount';
import * as creditMemo from './creditMemo';
import * as customer from './customer';
import * as customField from './customField';
import * as customFieldValue from './customFieldValue';
import * as document from './document';
import * as fundingAccount from './fundingAccount';
import * as invoice from './invoice';
import * as mfa from './mfa';
import * as network from './network';
import * as organization from './organization';
import * as partnerOrganization from './partnerOrganization';
import * as partnerRiskVerification from './partnerRiskVerification';
import * as partnerRole from './partnerRole';
import * as partnerUser from './partnerUser';
import * as payment from './payment';
import * as receivablePayment from './receivablePayment';
import * as recurringBill from './recurringBill';
import * as recurringInvoice from './recurringInvoice';
import * as reimbursement from './reimbursement';
import * as riskVerification from './riskVerification';
import * as spendUser from './spendUser';
import * as transaction from './transaction';
import * as user from './user';
import * as vendor from './vendor';
import * as vendorBankAccount from './vendorBankAccount';
import * as vendorCredit from './vendorCredit';
import * as webhookEvent from './webhookEvent';
import * as webhookSubscription from './webhookSubscription';

interface EmulatorModule {
	handlers?: CustomHandler[];
	collectionAliases?: Record<string, string>;
	/** Fixed data, run at start and on reset. */
	seed?(emu: Emulator): void;
}

/** In this order: a later handler for the same route replaces an earlier one; seeds run in this order. */
const modules: EmulatorModule[] = [
	// Connect AP
	accountsPayable,
	vendor,
	vendorBankAccount,
	bill,
	recurringBill,
	payment,
	document,
	attachment,
	bankAccount,
	cardAccount,
	fundingAccount,
	// Connect core
	connect,
	customer,
	invoice,
	network,
	organization,
	user,
	mfa,
	riskVerification,
	billApproval,
	creditMemo,
	vendorCredit,
	recurringInvoice,
	receivablePayment,
	// Spend & Expense
	spendUser,
	budget,
	budgetMember,
	card,
	customField,
	customFieldValue,
	reimbursement,
	transaction,
	spendRoutes,
	// Partner
	partner,
	partnerOrganization,
	partnerUser,
	partnerRole,
	partnerRiskVerification,
	// Webhooks
	webhookSubscription,
	webhookEvent,
];

export const customHandlers: CustomHandler[] = modules.flatMap((m) => m.handlers ?? []);

export const customCollectionAliases: Record<string, string> = Object.assign({}, ...modules.map((m) => m.collectionAliases ?? {}));

export const customSeeders: Array<(emu: Emulator) => void> = modules.flatMap((m) => (m.seed ? [m.seed] : []));
