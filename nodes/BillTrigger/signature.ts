import { createHash, createHmac, timingSafeEqual } from 'crypto';

/** Header in which BILL sends the signature of a notification (webhooks.md §8). */
export const SIGNATURE_HEADER = 'x-bill-sha-signature';

/** `base64(HMAC-SHA256(key = securityKey as UTF-8, message = raw body bytes))`. */
export function computeSignature(securityKey: string, rawBody: Buffer | string): string {
	return createHmac('sha256', Buffer.from(securityKey, 'utf8')).update(rawBody).digest('base64');
}

/**
 * Index of the first key whose signature of `rawBody` equals `header`, or -1.
 * Every key is compared in constant time (crypto.timingSafeEqual) and all keys are always tried, so
 * the time taken does not tell which key matched. A header sent twice (an array) never matches.
 */
export function matchSignature(header: unknown, rawBody: Buffer, keys: string[]): number {
	if (typeof header !== 'string') return -1;
	const given = Buffer.from(header.trim(), 'utf8');
	if (given.length === 0) return -1;
	let matched = -1;
	for (let i = 0; i < keys.length; i++) {
		if (!keys[i]) continue;
		const expected = Buffer.from(computeSignature(keys[i], rawBody), 'utf8');
		const same = given.length === expected.length && timingSafeEqual(given, expected);
		if (same && matched === -1) matched = i;
	}
	return matched;
}

/**
 * A UUID4-shaped value derived from `seed`: the `X-Idempotent-Key` of a key rotation. Two n8n
 * executions that rotate the same key at the same moment send the same idempotency key, so BILL
 * answers both with the same new security key (it replays the cached response for 24 hours).
 */
export function deterministicUuid4(seed: string): string {
	const hex = createHash('sha256').update(seed).digest('hex').slice(0, 32).split('');
	hex[12] = '4';
	hex[16] = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
	const s = hex.join('');
	return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20, 32)}`;
}
