import { addBusinessDays, invalid, isObject, missing, refused } from '../handlers';
import type { EmuRecord } from '../store';
import type { Emulator, EmuResponse } from '../types';

/**
 * International payments as BILL describes them in 2026 (changelog 2026-01-20 "Payments API
 * improvements" and "New API endpoint for BILL exchange rates for multiple vendors"; reference
 * getexchangerate, getexchangerates, createpayment, createbulkpayment, createmasspayment; docs
 * ap-international-payments):
 *
 * - BILL keeps every exchange rate in a batch with an integer `exchangeRateBatchId`. A batch expires
 *   ("In production, the batch expiration time is 20 minutes", `config.exchangeRateBatchMs`) and a
 *   new batch ID follows. The emulator's batches are windows of the emulator clock, so every caller
 *   sees the same current batch until it expires.
 * - `GET /v3/payments/exchange-rate?vendorId&amount` answers one vendor's rate (amount in the vendor
 *   bill currency); `POST /v3/payments/exchange-rate` several vendors, all of the same batch.
 * - "When the vendor bill currency is not USD, the exchange rate batch ID is required for creating a
 *   payment with POST /v3/payments or POST /v3/payments/bulk", and "the payment processDate must be
 *   the next US business day".
 *
 * [inferred] (no BILL sample or text, see the facts file §1.3, §10): the POST body is a top-level
 * array of `{vendorId, amount}` and its answer an array of the GET answer, one per element;
 * `exchangeRateBatchId` sits at the top level of the payment bodies; the error codes of these rules;
 * the rates themselves (fixed per currency).
 */

/** Units of the currency per 1 USD ("An exchangeRate of 0.8361528 tells us that 1 USD = 0.8361528 EUR"). */
const EXCHANGE_RATES: Record<string, number> = {
	EUR: 0.8361528,
	GBP: 0.79,
	CAD: 1.37,
	AUD: 1.52,
	MXN: 17.1,
	JPY: 151.2,
	CHF: 0.9,
	INR: 83.3,
	CNY: 7.24,
	DKK: 6.87,
	SEK: 10.4,
	NOK: 10.6,
	PLN: 3.98,
	NZD: 1.65,
	SGD: 1.34,
	HKD: 7.8,
	BRL: 5.1,
	ZAR: 18.4,
};
/** [inferred] The emulator quotes 1 for a currency it has no rate for (BILL quotes every currency it pays in). */
export const rateOf = (currency: string) => EXCHANGE_RATES[currency] ?? 1;

/** A vendor's bill currency (what its bills are in) and payment currency (what its bank account receives). */
export function vendorCurrencies(vendor: EmuRecord): { billCurrency: string; paymentCurrency: string } {
	const billCurrency = typeof vendor.billCurrency === 'string' && vendor.billCurrency ? vendor.billCurrency : 'USD';
	const info = isObject(vendor.paymentInformation) ? vendor.paymentInformation : {};
	const bank = isObject(info.bankAccount) ? info.bankAccount : {};
	const paymentCurrency = typeof bank.paymentCurrency === 'string' && bank.paymentCurrency ? bank.paymentCurrency : billCurrency;
	return { billCurrency, paymentCurrency };
}

// ------------------------------------------------------------------ batches

export interface RateBatch {
	id: number;
	expiresMs: number;
}

/** The current exchange rate batch of the emulator clock. */
export function currentBatch(emu: Emulator): RateBatch {
	const window = Math.max(1, emu.config.exchangeRateBatchMs);
	const index = Math.floor(emu.nowMs() / window);
	return { id: index, expiresMs: (index + 1) * window };
}

/**
 * The `exchangeRateBatchId` of a payment request: absent, or an integer that is the current batch.
 * [inferred] codes: BILL documents the rule ("When a batch expires, a new batch ID is generated"),
 * not its error.
 */
export function checkBatchId(emu: Emulator, value: unknown): number | undefined | EmuResponse {
	if (value === undefined || value === null) return undefined;
	if (typeof value !== 'number' || !Number.isInteger(value)) return invalid('exchangeRateBatchId', value, 'The exchange rate batch ID is an integer');
	const batch = currentBatch(emu);
	if (value !== batch.id) {
		return refused(
			`Exchange rate batch ${value} is not the current batch (it has expired or never existed). Get the current exchangeRateBatchId with GET or POST /v3/payments/exchange-rate.`,
		);
	}
	return value;
}

// ------------------------------------------------------------------ rules of a payment

export interface InternationalTerms {
	/** The rate recorded on the payment (1 for a vendor billed in USD). */
	exchangeRate: number;
	/** The process date, defaulted when the request has none. */
	processDate: string;
}

/**
 * BILL's rules for paying `vendor` on `day` (the day of the request): a vendor whose bill currency
 * is not USD needs the current `exchangeRateBatchId` (checked by `checkBatchId` before) and the
 * next US business day as process date ("if processDate is not set, the date is automatically set
 * as the next US business day"). Other vendors keep the given date, else `day` (the emulator's
 * default for domestic payments). `where` prefixes field names in errors (e.g. `payments[3].`).
 */
export function internationalTerms(vendor: EmuRecord, batchId: number | undefined, processDate: string | undefined, day: string, where = ''): InternationalTerms | EmuResponse {
	const { billCurrency } = vendorCurrencies(vendor);
	if (billCurrency === 'USD') return { exchangeRate: 1, processDate: processDate ?? day };
	if (batchId === undefined) {
		return missing('exchangeRateBatchId', `${where}billId: vendor ${vendor.id} is billed in ${billCurrency}; get the current batch ID with GET or POST /v3/payments/exchange-rate.`);
	}
	const next = addBusinessDays(day, 1);
	if (processDate !== undefined && processDate !== next) {
		return invalid('processDate', processDate, `Vendor ${vendor.id} is billed in ${billCurrency}: the process date must be the next US business day, ${next}`);
	}
	return { exchangeRate: rateOf(billCurrency), processDate: next };
}
