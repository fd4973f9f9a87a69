/** Unit tests of the request layer's policies: pacing and the concurrency cap. */
import { mapConcurrent, RateWindow, Semaphore } from '../../nodes/Bill/transport/limiter';
import { filterValue } from '../../nodes/Bill/catalog/filters';
import { redact } from '../../nodes/Bill/transport/errors';

test('RateWindow paces starts to the limit per window (Spend & Expense: 60 per minute)', async () => {
	const w = new RateWindow(3, 300);
	const t0 = Date.now();
	const starts: number[] = [];
	for (let i = 0; i < 7; i++) {
		await w.take();
		starts.push(Date.now() - t0);
	}
	expect(starts.slice(0, 3).every((s) => s < 100)).toBe(true);
	expect(starts[3]).toBeGreaterThanOrEqual(295);
	expect(starts[6]).toBeGreaterThanOrEqual(595);
	// never more than 3 starts inside any 300 ms window
	for (let i = 3; i < starts.length; i++) expect(starts[i] - starts[i - 3]).toBeGreaterThanOrEqual(295);
});

test('Semaphore never lets more than its size run at once', async () => {
	const s = new Semaphore(3);
	let inFlight = 0;
	let peak = 0;
	await Promise.all(
		Array.from({ length: 20 }, () =>
			s.run(async () => {
				inFlight++;
				peak = Math.max(peak, inFlight);
				await new Promise((r) => setTimeout(r, 5));
				inFlight--;
			}),
		),
	);
	expect(peak).toBe(3);
});

test('mapConcurrent keeps input order', async () => {
	const out = await mapConcurrent([30, 5, 20, 1], 3, async (ms, i) => {
		await new Promise((r) => setTimeout(r, ms));
		return i;
	});
	expect(out).toEqual([0, 1, 2, 3]);
});

// The retry decision table (method × answer → resend or not, with each row's reason): test/transport/retry-decision.test.ts.

test('filter values are quoted the way BILL expects', () => {
	expect(filterValue('eq', 'BUSINESS')).toBe('BUSINESS');
	expect(filterValue('in', 'USD, CAD')).toBe('"USD,CAD"');
	expect(filterValue('gte', '2026-01-01')).toBe('"2026-01-01"');
	expect(filterValue('sw', 'Hap')).toBe('"Hap"');
	expect(filterValue('eq', 'Acme Inc')).toBe('"Acme Inc"');
});

test('redact hides secret values in free text', () => {
	const text = redact('{"password":"hunter2","devKey":"abc123","sessionId":"s-1","name":"ok"}');
	expect(text).not.toMatch(/hunter2|abc123|s-1/);
	expect(text).toContain('"name":"ok"');
});
