import type { ResourceDef } from '../../catalog/types';
import { apCard } from './apCard';
import { attachment } from './attachment';
import { bankAccount } from './bankAccount';
import { bill } from './bill';
import { cardAccount } from './cardAccount';
import { document } from './document';
import { fundingAccount } from './fundingAccount';
import { payment } from './payment';
import { recurringBill } from './recurringBill';
import { report } from './report';
import { vendor } from './vendor';
import { vendorBankAccount } from './vendorBankAccount';

/** AP resources: vendors, bills, payments, recurring bills, documents, attachments, funding accounts, reports. */
export const apResources: ResourceDef[] = [
	bill,
	vendor,
	payment,
	recurringBill,
	vendorBankAccount,
	document,
	attachment,
	bankAccount,
	cardAccount,
	apCard,
	fundingAccount,
	report,
];
