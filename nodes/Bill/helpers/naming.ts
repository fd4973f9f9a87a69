/** Display names derived from BILL's field names, n8n style (Title Case, "ID", "URL"). */

const SMALL_WORDS = new Set(['of', 'or', 'and', 'to', 'in', 'for', 'on', 'by', 'a', 'an', 'the']);
const ACRONYMS: Record<string, string> = { id: 'ID', ids: 'IDs', url: 'URL', mfa: 'MFA', pan: 'PAN', jwt: 'JWT', api: 'API', ach: 'ACH', zip: 'ZIP', iban: 'IBAN', swift: 'SWIFT', '3ds': '3DS', ap: 'AP', ar: 'AR', po: 'PO' };

/** `payFromChartOfAccountId` → "Pay From Chart of Account ID". */
export function titleFromName(name: string): string {
	let title = TITLES.get(name);
	if (title === undefined) TITLES.set(name, (title = computeTitle(name)));
	return title;
}

/** Titles already derived (the executor asks for a field's label for every item it reads). */
const TITLES = new Map<string, string>();

function computeTitle(name: string): string {
	const words = name
		.replace(/([a-z0-9])([A-Z])/g, '$1 $2')
		.replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
		.replace(/([a-z])(\d)/g, '$1 $2')
		.replace(/[_-]+/g, ' ')
		.split(/\s+/)
		.filter(Boolean);
	return words
		.map((w, i) => {
			const lower = w.toLowerCase();
			if (ACRONYMS[lower]) return ACRONYMS[lower];
			if (i > 0 && SMALL_WORDS.has(lower)) return lower;
			return lower.charAt(0).toUpperCase() + lower.slice(1);
		})
		.join(' ');
}

/** Enum value → option name: `CHECKING` → "Checking", `USD` → "USD", `bill.created` → "bill.created". */
export function optionName(value: string): string {
	if (/[.:/]/.test(value) || /[a-z]/.test(value)) return value;
	return value
		.split(/[_\s]+/)
		.map((w) => (w.length <= 3 || ACRONYMS[w.toLowerCase()] ? w : w.charAt(0) + w.slice(1).toLowerCase()))
		.join(' ');
}
