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
 * BILL allows 3 concurrent requests per developer key and organization (BDC_1322 beyond that).
 * One semaphore per organization key, shared by every execution in this n8n process (main or
 * worker), so parallel executions of several workflows together stay within the cap.
 */
export const BILL_MAX_CONCURRENCY = 3;
const orgSemaphores = new Map<string, Semaphore>();

export function organizationSemaphore(key: string): Semaphore {
	let s = orgSemaphores.get(key);
	if (!s) {
		s = new Semaphore(BILL_MAX_CONCURRENCY);
		orgSemaphores.set(key, s);
	}
	return s;
}

/**
 * Sliding-window rate limiter: at most `limit` starts per `windowMs`
 * (Spend & Expense: 60 calls per minute).
 */
export class RateWindow {
	private readonly starts: number[] = [];

	constructor(
		private readonly limit: number,
		private readonly windowMs: number,
	) {}

	async take(): Promise<void> {
		for (;;) {
			const now = Date.now();
			while (this.starts.length && now - this.starts[0] >= this.windowMs) this.starts.shift();
			if (this.starts.length < this.limit) {
				this.starts.push(now);
				return;
			}
			await sleep(this.windowMs - (now - this.starts[0]) + 5);
		}
	}
}

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
