/** Issue 16: the adaptive per-organization limiter's rules, one by one (the load figures: queue-limits.test.ts). */
import { ADAPTIVE, AdaptiveLimiter, RateWindow } from '../../nodes/Bill/transport/limiter';

const tick = async (ms = 5) => await new Promise((r) => setTimeout(r, ms));

/** Runs `n` requests of `ms` each through the limiter with `parallel` callers; returns the peak in flight. */
async function drive(l: AdaptiveLimiter, n: number, parallel: number, ms = 5) {
	let next = 0;
	let inFlight = 0;
	let peak = 0;
	await Promise.all(
		Array.from({ length: parallel }, async () => {
			while (next < n) {
				next++;
				await l.acquire();
				peak = Math.max(peak, ++inFlight);
				await tick(ms);
				inFlight--;
				l.release('ok');
			}
		}),
	);
	return peak;
}

test('alone (regular mode, one worker): starts with 1 in flight, reaches 3 and never more', async () => {
	const l = new AdaptiveLimiter();
	expect(l.window).toBe(1);
	const peak = await drive(l, 60, 9);
	expect(peak).toBe(3);
	expect(l.window).toBe(3);
});

test('the hint of n8n processes gives the starting share (3 ÷ processes, at most 1 in flight)', () => {
	expect(new AdaptiveLimiter(3, 4).window).toBe(0.75);
	expect(new AdaptiveLimiter(3, 2).window).toBe(1);
	expect(new AdaptiveLimiter(3, 100).window).toBe(ADAPTIVE.minWindow);
});

test('with the hint of N processes, a slow start stops at 3 ÷ N places (rounded up) until a quiet period, then probes above; after a pause, back to the share', async () => {
	// 2 processes: 2 places each (one of them is refused once beside the other's 2), not 3
	const two = new AdaptiveLimiter(3, 2);
	two.latencyMs = 5;
	expect(await drive(two, 40, 9)).toBe(2);
	expect(two.window).toBe(2);
	// no refusal for priorQuietPeriods × quietLatencies latencies: room above the share is probed (and found, alone)
	const quietMs = ADAPTIVE.priorQuietPeriods * ADAPTIVE.quietLatencies * two.latencyMs;
	await drive(two, Math.ceil((2.5 * quietMs) / 5), 9);
	expect(two.window).toBe(3);
	// having run out of work for a few latencies (not yet idle enough for a slow start), its next burst starts at the share again
	await tick(4 * two.latencyMs);
	await two.acquire();
	expect(two.window).toBe(2);
	two.release('ok');
	// 4 processes for 3 places: 1 place each (one of the four is crowded out and paces)
	const four = new AdaptiveLimiter(3, 4);
	four.latencyMs = 5;
	expect(await drive(four, 40, 9)).toBe(1);
	expect(four.window).toBeLessThanOrEqual(1);
	// a refusal ends the prior: from then on the window follows BILL's answers as without a hint
	await four.acquire();
	four.release('refused');
	expect(four.window).toBeLessThan(1);
});

test('a refusal while this process has k requests in flight sets the window to k; with none, it shrinks to a quarter (once per latency)', async () => {
	const l = new AdaptiveLimiter();
	await drive(l, 60, 9);
	expect(l.window).toBe(3);
	// three in flight, the third refused: two of ours fit beside the others
	await l.acquire();
	await l.acquire();
	await l.acquire();
	l.release('refused');
	expect(l.window).toBe(2);
	l.release('ok');
	l.release('ok');
	// none of ours in flight: a quarter; a second answer of the same burst (same latency) is the same signal
	const fresh = new AdaptiveLimiter();
	await fresh.acquire();
	fresh.release('refused');
	fresh.release('refused');
	expect(fresh.window).toBe(0.25);
	expect(ADAPTIVE.decrease).toBe(0.25);
});

/** One request through `l` that BILL answers with `outcome` after `ms`. */
async function one(l: AdaptiveLimiter, outcome: 'ok' | 'refused', ms = 5) {
	await l.acquire();
	await tick(ms);
	l.release(outcome);
}

test('crowded out (below 1) for 20 latencies, a paced request that gets through means room appeared: the next answer adds a place at once; crowded out briefly, it grows slowly', async () => {
	// briefly (well under 20 latencies): refused with none in flight (a quarter), then a paced request gets through → 1, and growth is additive
	const brief = new AdaptiveLimiter();
	brief.latencyMs = 50;
	await one(brief, 'refused', 0);
	expect(brief.window).toBe(0.25);
	await tick(4 * brief.latencyMs);
	await one(brief, 'ok');
	expect(brief.window).toBe(1);
	for (let i = 0; i < 3; i++) await one(brief, 'ok');
	expect(brief.window).toBeGreaterThan(1);
	expect(brief.window).toBeLessThan(1.2);
	// long: refused with none in flight again and again (a quarter per latency down to the smallest window, each try a pacing
	// apart, so probes wait up to 60 latencies), crowded out for more than crowdedLatencies latencies, then one gets through
	const long = new AdaptiveLimiter();
	long.latencyMs = 5;
	const since = Date.now();
	for (let i = 0; i < 5 || Date.now() - since <= 3 * (ADAPTIVE.crowdedLatencies + 1) * long.latencyMs; i++) await one(long, 'refused', 0);
	expect(long.window).toBe(ADAPTIVE.minWindow);
	await one(long, 'ok');
	expect(long.window).toBe(1);
	// room appeared: the next answer adds a place at once (without this rule: 0.02 or so, as briefly crowded out above)
	await one(long, 'ok');
	expect(long.window).toBe(2);
});

test('with the hint, a crowded-out process is not idling between its paced tries (20 latencies apart): a try that gets through restores 1 and the next answer probes; a real pause starts it afresh', async () => {
	const l = new AdaptiveLimiter(3, 4); // 4 processes: starts at 0.75, share 1
	l.latencyMs = 10; // the pause below (25 latencies) is 150 ms short of two pacings: room for a busy machine's late timers
	const since = Date.now();
	for (let i = 0; i < 5 || Date.now() - since <= 3 * (ADAPTIVE.crowdedLatencies + 1) * l.latencyMs; i++) await one(l, 'refused', 0);
	expect(l.window).toBe(ADAPTIVE.minWindow);
	// the next paced try comes more than idleLatencies after the last refusal (as in real n8n): before, that counted as a
	// pause, a slow start with the hint's prior, and the try's success doubled 0.05 to 0.1 (a next try 10 latencies later)
	await tick((ADAPTIVE.idleLatencies + 5) * l.latencyMs);
	await one(l, 'ok');
	expect(l.window).toBe(1);
	await one(l, 'ok');
	expect(l.window).toBe(2);
	// crowded out again, then a real pause (longer than two pacings): the next burst starts as a new process does
	for (let i = 0; i < 5; i++) await one(l, 'refused', 0);
	expect(l.window).toBeLessThan(1);
	await tick((2 / ADAPTIVE.minWindow + 10) * l.latencyMs);
	await l.acquire();
	expect(l.window).toBe(0.75);
	l.release('ok');
	expect(l.window).toBeLessThanOrEqual(1); // the hint's share holds (no crowded-out probe after a pause)
});

test('doubling adds one place at a time from 1 on: 1.99 becomes 2, not 3 (a probe into a full organization is refused once, not twice)', async () => {
	const l = new AdaptiveLimiter();
	l.latencyMs = 5;
	await one(l, 'ok'); // active (no slow start next), and nothing was ever refused: the window doubles per answer
	l.window = 1.99;
	await one(l, 'ok');
	expect(l.window).toBe(2);
	await one(l, 'ok');
	expect(l.window).toBe(3);
});

test('below a window of 1, starts are paced: one in flight, latency ÷ window apart', async () => {
	const l = new AdaptiveLimiter(3, 6); // 0.5
	l.latencyMs = 40;
	const starts: number[] = [];
	for (let i = 0; i < 3; i++) {
		await l.acquire();
		starts.push(Date.now());
		l.release('failed'); // neither grows nor shrinks the window
	}
	expect(l.window).toBe(0.5);
	expect(starts[1] - starts[0]).toBeGreaterThanOrEqual(75);
	expect(starts[2] - starts[1]).toBeGreaterThanOrEqual(75);
});

test('a refused request is sent again within the time budget, with jittered, growing waits; then not', () => {
	const l = new AdaptiveLimiter();
	const now = Date.now();
	const waits = Array.from({ length: 20 }, () => l.refusalDelay(0, now)!);
	expect(new Set(waits).size).toBeGreaterThan(1); // jitter: workers refused together do not return together
	expect(Math.max(...waits)).toBeLessThanOrEqual(1.5 * l.latencyMs);
	expect(l.refusalDelay(30, now)).toBeLessThanOrEqual(1.5 * ADAPTIVE.maxRefusalWaitMs);
	expect(l.refusalDelay(3, now - ADAPTIVE.refusalBudgetMs - 1)).toBeUndefined();
});

test("Spend & Expense: BILL's 429 closes the token until the next minute and halves this process's calls per minute once; successes grow them back to 60", async () => {
	const w = new RateWindow(60, 1_000); // a one-second "minute" keeps the test short
	w.adjust('refused');
	expect(w.limit).toBe(30);
	// the other calls refused in the same burst are the same signal
	w.adjust('refused');
	expect(w.limit).toBe(30);
	const next = (Math.floor(Date.now() / 1_000) + 1) * 1_000;
	expect(w.closedUntil).toBeGreaterThanOrEqual(next);
	expect(w.closedUntil).toBeLessThanOrEqual(next + 50);
	// a call waits for the next minute
	await w.take();
	expect(Date.now()).toBeGreaterThanOrEqual(next);
	for (let i = 0; i < 1000; i++) w.adjust('ok');
	expect(w.limit).toBe(60);
});
