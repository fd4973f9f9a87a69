import { sleep } from 'n8n-workflow';

/** A counting semaphore: at most `size` holders at once, FIFO. */
export class Semaphore {
	private active = 0;
	private readonly waiting: Array<() => void> = [];

	constructor(private size: number) {}

	get inFlight(): number {
		return this.active;
	}

	async acquire(): Promise<void> {
		if (this.active < this.size) {
			this.active++;
			return;
		}
		await new Promise<void>((resolve) => this.waiting.push(resolve));
	}

	release(): void {
		const next = this.waiting.shift();
		if (next) next();
		else this.active--;
	}

	async run<T>(fn: () => Promise<T>): Promise<T> {
		await this.acquire();
		try {
			return await fn();
		} finally {
			this.release();
		}
	}
}

/**
 * BILL allows 3 concurrent requests per developer key and organization (BDC_1322 beyond that), for
 * the whole organization: every n8n process (regular mode, or a main and its workers in queue mode)
 * shares those 3. Processes cannot share memory, and a verified community node may read no
 * environment variable, so each process learns its share from BILL's answers (AIMD, as TCP does):
 *
 * - a **window** of requests in flight (0.05 … 3): at most floor(window) in flight, at least 1.
 *   It starts at 1 and doubles per round trip while BILL refuses nothing, so a lone process (regular
 *   mode, one worker) is at 3 after two round trips and stays there. Below 1, starts are **paced**:
 *   one in flight and one start every latency ÷ window, so 0.5 is one request in flight half of the
 *   time. Four workers with a floor of 1 in flight each would still send 4 > 3; a window below 1
 *   lets four, eight … processes fit into 3.
 * - a refusal (BDC_1322, or 429) while k of this process's requests are in flight: BILL had 3, so k
 *   fit beside the others and the window becomes k; with none in flight it drops to a quarter (at
 *   most once per round trip: the refusals of one burst are one signal).
 * - probing upwards: a little per round trip, doubling once nothing was refused for a while (a
 *   probe that finds no room doubles that while), one place at a time, and a paced request that
 *   gets through restores 1 in flight, so the share another process left is taken back; after
 *   being crowded out for `crowdedLatencies`, that request's success is itself the sign of room
 *   (another process ran out of work) and the next answer adds a place at once. After idling, slow
 *   start again.
 * - a refused request did nothing at BILL, so it is sent again after a jittered wait (workers that
 *   were refused together do not come back together), for as long as `refusalBudgetMs` allows,
 *   rather than a fixed number of times.
 * - the credential's *n8n Processes Using This Organization* (N, how many n8n processes share it)
 *   is a prior on the share: a process starts at 3 ÷ N in flight (at most 1) and its slow start
 *   stops at 3 ÷ N places rounded up (2 of 2 processes, 1 of 4), as if BILL had refused above them;
 *   only a quiet period of `priorQuietPeriods` probe waits (no refusal meanwhile) lets it probe
 *   higher. Without the hint each process finds that out by being refused, and probes every
 *   quiet period.
 */
export const BILL_MAX_CONCURRENCY = 3;

export type RequestOutcome = 'ok' | 'refused' | 'failed';

/** Tuning of the adaptive limiter (measured: README, Running in queue mode). */
export const ADAPTIVE = {
	/** Smallest window: one request in flight a twentieth of the time (a process the others crowd out probes that often). */
	minWindow: 0.05,
	/** After this many latencies without a request, start slowly again (the other processes may be busy now). */
	idleLatencies: 20,
	/** Multiplicative decrease on a refusal while none of this process's requests is in flight. */
	decrease: 0.25,
	/** Additive increase of the window per latency after a refusal… */
	increase: 0.02,
	/** …doubling per latency once nothing was refused for this many latencies (or below a window of 1). */
	quietLatencies: 15,
	/** A probe that finds no room doubles the quiet period before the next one, up to this many. */
	maxQuietPeriods: 4,
	/** First estimate of BILL's answer time, until requests are measured. */
	initialLatencyMs: 200,
	/** How long a request refused by BILL (BDC_1322, 429) is sent again. */
	refusalBudgetMs: 120_000,
	/** Longest single wait before sending a refused request again. */
	maxRefusalWaitMs: 5_000,
	/** With the hint of N processes (N > 1), a slow start stops at 3 ÷ N places (rounded up, at least 1), as if BILL had refused above them. */
	sharePrior: true,
	/** Quiet periods (of `quietLatencies`) before the first probe above that share: 4 = 60 latencies, about one run of 6 × 30 requests. */
	priorQuietPeriods: 4,
	/** A process above that share (it took places others left) that had nothing in flight for this many latencies starts its next burst at the share again. */
	shareIdleLatencies: 2,
	/**
	 * A process crowded out (window below 1) for this many latencies whose paced request then gets
	 * through saw room appear (another process ran out of work): its next answer adds a place at
	 * once (a probe) instead of waiting a quiet period at 1.
	 */
	crowdedLatencies: 20,
};

/** The per-organization limiter every request of this package goes through (transport/request.ts). */
export interface OrganizationLimiter {
	acquire(): Promise<void>;
	release(outcome: RequestOutcome): void;
	/**
	 * How long to wait before sending again a request BILL refused (`attempt` 0 for the first
	 * refusal), or undefined once the request has been refused for longer than the budget since
	 * `since` (epoch ms of its first refusal).
	 */
	refusalDelay(attempt: number, since: number): number | undefined;
}

export class AdaptiveLimiter implements OrganizationLimiter {
	private active = 0;
	private readonly waiting: Array<() => void> = [];
	/** Start times of the requests in flight (oldest first): their answer times give `latencyMs`. */
	private readonly starts: number[] = [];
	private nextStart = 0;
	private lastStart = 0;
	private lastDecrease = 0;
	private lastGrowth = 0;
	private lastRefusal = 0;
	private lastActivity = 0;
	/** The window a refusal left, and how many quiet periods the next probe above it waits (doubles per refused probe). */
	private fitLevel = 0;
	private quietPeriods = 1;
	/** Since when the window is below 1 after a refusal with none of ours in flight (crowded out), or 0. */
	private crowdedSince = 0;
	/** Crowded out for long and then let in: the next answer adds a place (room appeared). */
	private probeNext = false;
	private readonly initialWindow: number;
	/** The places the hint gives this process (3 ÷ processes, rounded up), or 0 without a hint. */
	private readonly share: number;
	/** Since the last slow start, no refusal and no quiet period yet: the window stays within `share`. */
	private prior = false;
	/** Smoothed answer time of BILL's accepted requests. */
	latencyMs = ADAPTIVE.initialLatencyMs;
	window: number;

	constructor(
		private readonly max = BILL_MAX_CONCURRENCY,
		processes = 1,
	) {
		// a slow start: 1 in flight (or the share the hint gives), doubling per latency while BILL refuses nothing
		this.initialWindow = Math.max(ADAPTIVE.minWindow, Math.min(1, max / Math.max(1, Math.floor(processes) || 1)));
		this.window = this.initialWindow;
		this.share = processes > 1 ? Math.max(1, Math.ceil(max / Math.floor(processes))) : 0;
	}

	get inFlight(): number {
		return this.active;
	}

	async acquire(): Promise<void> {
		// FIFO: a caller that finds others waiting queues behind them; a woken one has its turn
		let turn = false;
		for (;;) {
			const now = Date.now();
			if (this.active < this.cap && (turn || !this.waiting.length)) {
				if (now >= this.nextStart) {
					this.start(now);
					this.wake();
					return;
				}
				// paced: wait for the next start (looked at again each latency: the window may grow meanwhile)
				await sleep(Math.min(this.nextStart - now, this.latencyMs));
				continue;
			}
			await new Promise<void>((resolve) => this.waiting.push(resolve));
			turn = true;
		}
	}

	release(outcome: RequestOutcome): void {
		const now = Date.now();
		this.lastActivity = now;
		this.active = Math.max(0, this.active - 1);
		if (outcome === 'ok') {
			const started = this.starts.shift() ?? now;
			this.latencyMs = 0.8 * this.latencyMs + 0.2 * Math.max(1, now - started);
			// growth in time (per latency), not per answer: a paced window grows as fast as a full one
			const latencies = Math.min(2 / Math.min(1, this.window), (now - this.lastGrowth) / this.latencyMs);
			this.lastGrowth = now;
			// more in flight than the last refusal left, and BILL took it: the probe found room
			if (this.active + 1 > this.fitLevel) this.quietPeriods = 1;
			const quiet = now - this.lastRefusal > this.latencyMs * ADAPTIVE.quietLatencies * this.quietPeriods;
			if (this.window < 1 && now - this.lastRefusal > 3 * this.latencyMs) {
				// a paced request got through and none was refused for a while: one in flight fits again
				this.window = 1;
				// crowded out for long, and now there is room: another process ran out of work, so the next answer probes one place more
				this.probeNext = this.crowdedSince > 0 && now - this.crowdedSince > ADAPTIVE.crowdedLatencies * this.latencyMs;
				this.crowdedSince = 0;
			} else if (this.probeNext) {
				// that probe: one place more at once; then the usual rules (a quiet period since the last refusal before doubling on)
				this.probeNext = false;
				this.quietPeriods = 1;
				this.window = Math.min(this.max, Math.floor(this.window) + 1);
			} else if (this.window < 1 || quiet || (this.prior && this.window < this.share)) {
				// nothing was refused for a while (or a slow start below the hint's share): capacity is free, double per latency,
				// one place at a time from 1 on (1.99 doubles to 2, not to 3: a probe that finds no room is refused once, not twice)
				this.window = Math.min(this.max, this.window * 2 ** Math.min(1, latencies), this.window >= 1 ? Math.floor(this.window) + 1 : Infinity);
			} else this.window = Math.min(this.max, this.window + latencies * ADAPTIVE.increase);
			if (this.prior) {
				// the hint's share holds until a quiet period (then the doubling above is a probe)
				if (quiet) this.prior = false;
				else this.window = Math.min(this.window, Math.max(this.share, this.initialWindow));
			}
			// a larger window spaces starts less: the next one need not wait the old spacing
			this.nextStart = Math.min(this.nextStart, this.lastStart + this.spacing());
			return this.wake();
		}
		// a refused (or failed) request answers at once: it is the newest start
		this.starts.pop();
		if (outcome === 'refused') {
			this.prior = false;
			this.probeNext = false;
			// a refusal after a quiet period is a probe that found no room: probe less often
			if (now - this.lastRefusal > this.latencyMs * ADAPTIVE.quietLatencies * this.quietPeriods) this.quietPeriods = Math.min(ADAPTIVE.maxQuietPeriods, this.quietPeriods * 2);
			this.lastRefusal = now;
			// BILL had 3 in flight, `active` of them ours: that many fit beside the other processes now.
			// With none of ours in flight, cut it to a quarter (at most once per latency: one burst is one signal).
			if (this.active >= 1) this.window = Math.max(ADAPTIVE.minWindow, Math.min(this.window, this.active));
			else if (now - this.lastDecrease >= this.latencyMs) {
				if (this.window >= 1 || !this.crowdedSince) this.crowdedSince = now;
				this.window = Math.max(ADAPTIVE.minWindow, this.window * ADAPTIVE.decrease);
				this.lastDecrease = now;
			}
			this.fitLevel = Math.max(1, Math.floor(this.window));
			// the next start of this process waits a jittered spacing: refused processes do not return in step
			this.nextStart = Math.max(this.nextStart, now + Math.random() * this.spacing());
		}
		this.wake();
	}

	refusalDelay(attempt: number, since: number): number | undefined {
		if (Date.now() - since > ADAPTIVE.refusalBudgetMs) return undefined;
		const ceiling = Math.min(ADAPTIVE.maxRefusalWaitMs, this.latencyMs * 1.5 ** Math.min(attempt, 20));
		return Math.round(ceiling * (0.5 + Math.random()));
	}

	/** Time between two starts: latency ÷ window below a window of 1, else none (the cap is floor(window)). */
	private spacing(): number {
		return this.window < 1 ? this.latencyMs / this.window : 0;
	}

	private get cap(): number {
		return Math.max(1, Math.floor(this.window));
	}

	/** Lets the first waiting caller try again (it wakes the next one once it has started). */
	private wake(): void {
		if (this.active < this.cap) this.waiting.shift()?.();
	}

	private start(now: number): void {
		if (!this.active) {
			this.lastGrowth = Math.max(this.lastGrowth, now - this.latencyMs);
			const idle = now - this.lastActivity;
			// a crowded-out process waits up to 1 ÷ minWindow latencies between its paced tries: that is not idling
			const slowStart = idle > Math.max(ADAPTIVE.idleLatencies * this.latencyMs, 2 * this.spacing());
			// with the hint: a process that grew above its share while the others were idle and ran out of work starts the next burst at the share
			const backToShare = this.share > 0 && ADAPTIVE.sharePrior && this.window > this.share && idle > ADAPTIVE.shareIdleLatencies * this.latencyMs;
			if (slowStart) {
				// as a new process: the initial window (also after being crowded out: the others may have finished long ago)
				this.window = this.initialWindow;
				this.crowdedSince = 0;
			} else if (backToShare) this.window = this.share;
			if ((slowStart && this.share && ADAPTIVE.sharePrior) || backToShare) {
				// the hint as a prior: as if BILL had refused above the share just now
				this.prior = true;
				this.lastRefusal = now;
				this.fitLevel = this.share;
				this.quietPeriods = ADAPTIVE.priorQuietPeriods;
			}
		}
		this.lastActivity = now;
		this.active++;
		this.starts.push(now);
		this.lastStart = now;
		const gap = this.spacing();
		if (gap) this.nextStart = now + gap;
	}
}

const orgLimiters = new Map<string, AdaptiveLimiter>();

/**
 * The limiter of one organization key in this n8n process, shared by every execution (main or
 * worker). `processes`: the credential's hint of how many n8n processes share the organization
 * (a change of the hint restarts the share from it).
 */
export function organizationLimiter(key: string, processes = 1): AdaptiveLimiter {
	const id = `${key}|${processes}`;
	let l = orgLimiters.get(id);
	if (!l) {
		l = new AdaptiveLimiter(BILL_MAX_CONCURRENCY, processes);
		orgLimiters.set(id, l);
	}
	return l;
}

/**
 * Spend & Expense: 60 calls per minute (auth.md §7; per token [third-party]), for every n8n process
 * using the token. Each process keeps a sliding window of its own calls (at most `limit` per
 * `windowMs`), and BILL's 429 says the token's minute is used up by all of them together:
 *
 * - the token is **closed** for this process until the next minute of the clock, plus a jitter
 *   (processes do not all come back at once) [inferred: BILL states no window; with a per-minute
 *   count the next minute is free, and a sliding one is free a minute after the burst at the latest:
 *   a refused probe closes it once more]; waiting calls do not each try again meanwhile;
 * - the process's share is halved (once per closing: the refusals of one burst are one signal),
 *   and grows back by a quarter call per call BILL takes;
 * - one S&E call in flight per process (`oneAtATime`, held from `enter` until `leave`, around
 *   the call): BILL caps calls per minute, not in flight, and one call at a time
 *   reaches 60 a minute at any answer time under a second, while the 429 that ends a minute
 *   meets one call of each process instead of three.
 */
export class RateWindow {
	private readonly starts: number[] = [];
	private readonly oneAtATime = new Semaphore(1);
	/** Starts allowed per window now: lowered by BILL's 429 (other processes use the same token), grown back by successes. */
	limit: number;
	/** No call before this time (epoch ms): BILL refused the token's calls for this minute. */
	closedUntil = 0;

	constructor(
		private readonly max: number,
		private readonly windowMs: number,
	) {
		this.limit = max;
	}

	/** AIMD on the per-window limit: a 429 closes the token until the next window and halves the share once; each success adds a quarter call. */
	adjust(outcome: RequestOutcome): void {
		const now = Date.now();
		if (outcome === 'refused') {
			if (now >= this.closedUntil) this.limit = Math.max(1, Math.floor(this.limit / 2));
			const next = (Math.floor(now / this.windowMs) + 1) * this.windowMs;
			this.closedUntil = Math.max(this.closedUntil, next + Math.random() * this.windowMs * SPEND_JITTER);
		} else if (outcome === 'ok') this.limit = Math.min(this.max, this.limit + 0.25);
	}

	/** Before an S&E call: one call at a time in this process, within the minute's calls. */
	async enter(): Promise<void> {
		await this.oneAtATime.acquire();
		await this.take();
	}

	/**
	 * After the call: learns from BILL's answer (`code`: its BDC code, if any) and lets the next call
	 * in. Returns what the organization's in-flight limiter learns from it: a 429 here is the token's
	 * calls per minute, which this window takes, not the requests in flight ('failed' for that one);
	 * BDC_1322 stays a refusal of the in-flight limit.
	 */
	leave(outcome: RequestOutcome, code?: string): RequestOutcome {
		this.adjust(outcome);
		this.oneAtATime.release();
		return outcome === 'refused' && code !== 'BDC_1322' ? 'failed' : outcome;
	}

	async take(): Promise<void> {
		for (;;) {
			const now = Date.now();
			if (now < this.closedUntil) {
				await sleep(this.closedUntil - now);
				continue;
			}
			while (this.starts.length && now - this.starts[0] >= this.windowMs) this.starts.shift();
			if (this.starts.length < Math.floor(this.limit)) {
				this.starts.push(now);
				return;
			}
			await sleep(this.windowMs - (now - this.starts[0]) + 5);
		}
	}
}

/** Jitter after a closed minute, as a share of the minute: processes refused together return up to 3 s apart. */
const SPEND_JITTER = 0.05;

export const SPEND_CALLS_PER_MINUTE = 60;
const spendWindows = new Map<string, RateWindow>();

export function spendRateWindow(key: string): RateWindow {
	let w = spendWindows.get(key);
	if (!w) {
		w = new RateWindow(SPEND_CALLS_PER_MINUTE, 60_000);
		spendWindows.set(key, w);
	}
	return w;
}

/** Run `fn` over `items` with at most `concurrency` at once; results keep input order. */
export async function mapConcurrent<T, R>(items: T[], concurrency: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
	const results = new Array<R>(items.length);
	let next = 0;
	const workers = Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, async () => {
		while (next < items.length) {
			const index = next++;
			results[index] = await fn(items[index], index);
		}
	});
	await Promise.all(workers);
	return results;
}
