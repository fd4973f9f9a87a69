/**
 * BILL's v3 error body: a JSON array of `{timestamp, code, severity, category, message}`.
 * Codes and messages come from BILL's docs (developer.bill.com, and the error examples of BILL's
 * Postman collection, test/fixtures/bill-v3-api.postman_collection.json); the ones marked
 * [inferred] are the emulator's choice where BILL documents no code or status.
 */
import type { EmuResponse } from './types';

export type BdcSeverity = 'ERROR' | 'WARNING' | 'INFORMATION';
export type BdcCategory = 'REQUEST' | 'APPLICATION' | 'SERVER' | 'DOWNSTREAM';

export interface BdcError {
	timestamp: string;
	code: string;
	severity: BdcSeverity;
	category: BdcCategory;
	message: string;
}

/** BILL's timestamp format: `2026-12-25T00:00:00.000+00:00`. */
export function bdcTimestamp(date = new Date()): string {
	return date.toISOString().replace('Z', '+00:00');
}

export function errorBody(code: string, message: string, category: BdcCategory = 'REQUEST', severity: BdcSeverity = 'ERROR'): BdcError[] {
	return [{ timestamp: bdcTimestamp(), code, severity, category, message }];
}

/** A full emulator response carrying BILL's error array. */
export function bdcError(status: number, code: string, message: string, category?: BdcCategory): EmuResponse {
	return { status, body: errorBody(code, message, category ?? categoryFor(status)) };
}

function categoryFor(status: number): BdcCategory {
	if (status >= 500) return 'SERVER';
	return 'REQUEST';
}

/** Codes and messages the core uses. */
export const BDC = {
	systemError: { code: 'BDC_1001', message: 'System error occurred.' },
	wrongPassword: { code: 'BDC_1101', message: 'User name and/or password do not match our records.' },
	devKeyInvalid: { code: 'BDC_1102', message: 'Developer key is invalid.' },
	missingParam: { code: 'BDC_1108', message: 'Missing parameter value for parameter: ' },
	sessionInvalid: { code: 'BDC_1109', message: 'Session is invalid.  Please log in.' },
	noData: { code: 'BDC_1120', message: 'No data found.' },
	apiNotSupported: { code: 'BDC_1121', message: 'API not supported.' },
	jsonParse: { code: 'BDC_1122', message: 'Error Parsing Json Object. Please check your request.' },
	invalidOrg: { code: 'BDC_1123', message: 'Invalid organization id.' },
	invalidParam: { code: 'BDC_1129', message: 'Invalid parameter value for parameter,value: ' },
	invalidFilterOp: { code: 'BDC_1131', message: 'Invalid list filter operator: ' },
	hourlyCap: { code: 'BDC_1144', message: 'Max number of allowed requests per hour reached: ' },
	concurrency: { code: 'BDC_1322', message: 'Max number of concurrent requests per organization reached.' },
	/** [inferred] BILL documents no code for "an MFA-trusted session is required"; 1356 is BILL's MFA family (third-party: "MFA expired"). */
	// [third-party] code, status and message: seen from POST /v3/payments in BILL's sandbox (BILL's pages state the rule, not the error).
	mfaRequired: { code: 'BDC_1361', message: 'Untrusted session.' },
	/** [inferred] Spend & Expense rate limit (60/minute): BILL documents the limit, not the error. */
	spendRate: { code: 'BDC_1429', message: 'Max number of allowed requests per minute reached: ' },
	/** [inferred] code for an operation the emulator has no behaviour for. */
	notImplemented: { code: 'BDC_1121', message: 'API not supported by the BILL emulator (no handler for this action).' },
} as const;
