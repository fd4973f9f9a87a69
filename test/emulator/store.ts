/**
 * In-memory data of the emulator: one set of named collections per organization ("org key").
 * Records are plain JSON objects with an `id`; they are returned live (mutations stick), and
 * `update()` bumps `updatedTime`.
 */

export type EmuRecord = Record<string, unknown> & { id: string };

export interface StoreHooks {
	/** Returns a new id for a record of `collection`. */
	newIdFor(collection: string): string;
	/** Returns a new BILL-style id with this prefix. */
	newId(prefix: string): string;
	/** Current time as ISO string. */
	now(): string;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
	return typeof v === 'object' && v !== null && !Array.isArray(v) && !Buffer.isBuffer(v);
}

/** Deep merge (objects merge, arrays and scalars replace; `undefined` is ignored). */
export function deepMerge(target: Record<string, unknown>, patch: Record<string, unknown>): Record<string, unknown> {
	for (const [k, v] of Object.entries(patch)) {
		if (v === undefined) continue;
		const cur = target[k];
		if (isPlainObject(v) && isPlainObject(cur)) deepMerge(cur, v);
		else target[k] = clone(v);
	}
	return target;
}

/** The collection each stored record belongs to (what BILL's view of the record depends on: family/shapes.ts). */
const homes = new WeakMap<object, Collection>();

/** The collection a record is kept in, if it is a stored record. */
export function collectionOf(rec: object): Collection | undefined {
	return homes.get(rec);
}

export function clone<T>(v: T): T {
	if (v === undefined || v === null || typeof v !== 'object') return v;
	if (Buffer.isBuffer(v)) return v;
	return JSON.parse(JSON.stringify(v)) as T;
}

export class Collection {
	private readonly records = new Map<string, EmuRecord>();

	constructor(
		readonly name: string,
		readonly orgKey: string,
		private readonly hooks: StoreHooks,
	) {}

	get size(): number {
		return this.records.size;
	}

	/**
	 * Adds a record. Assigns `id` (unless given), `archived: false` (unless given) and
	 * `createdTime` / `updatedTime`. `opts.prefix` forces an id prefix; `opts.bare` skips the
	 * BILL bookkeeping fields (archived/createdTime/updatedTime).
	 */
	insert(data: Record<string, unknown>, opts: { prefix?: string; bare?: boolean; id?: string } = {}): EmuRecord {
		const now = this.hooks.now();
		const id = String(opts.id ?? data.id ?? (opts.prefix !== undefined ? this.hooks.newId(opts.prefix) : this.hooks.newIdFor(this.name)));
		const rec: EmuRecord = opts.bare
			? { ...clone(data), id }
			: { id, archived: false, ...clone(data), createdTime: data.createdTime ?? now, updatedTime: data.updatedTime ?? now };
		rec.id = id;
		this.records.set(id, rec);
		homes.set(rec, this);
		return rec;
	}

	get(id: string): EmuRecord | undefined {
		return this.records.get(id);
	}

	find(pred: (r: EmuRecord) => boolean): EmuRecord | undefined {
		for (const r of this.records.values()) if (pred(r)) return r;
		return undefined;
	}

	/** All records in insertion order, optionally filtered. */
	list(pred?: (r: EmuRecord) => boolean): EmuRecord[] {
		const all = [...this.records.values()];
		return pred ? all.filter(pred) : all;
	}

	/** Deep-merges `patch` into the record (the id never changes); bumps `updatedTime`. */
	update(id: string, patch: Record<string, unknown>): EmuRecord | undefined {
		const rec = this.records.get(id);
		if (!rec) return undefined;
		const { id: _ignored, ...rest } = patch;
		void _ignored;
		deepMerge(rec, rest);
		if ('updatedTime' in rec || 'createdTime' in rec) rec.updatedTime = this.hooks.now();
		return rec;
	}

	/** Replaces the record's fields, keeping id, archived, createdTime; bumps `updatedTime`. */
	replace(id: string, data: Record<string, unknown>): EmuRecord | undefined {
		const old = this.records.get(id);
		if (!old) return undefined;
		const rec: EmuRecord = { ...clone(data), id } as EmuRecord;
		for (const k of ['archived', 'createdTime']) if (k in old && !(k in rec)) rec[k] = old[k];
		if ('updatedTime' in old) rec.updatedTime = this.hooks.now();
		this.records.set(id, rec);
		homes.set(rec, this);
		return rec;
	}

	remove(id: string): boolean {
		return this.records.delete(id);
	}

	clear(): void {
		this.records.clear();
	}
}

export class Store {
	private readonly collections = new Map<string, Collection>();

	constructor(
		private readonly hooks: StoreHooks,
		private readonly defaultOrgKey: () => string,
	) {}

	/** The collection `name` of `orgKey` (default: the first configured organization). Created on first use. */
	collection(name: string, orgKey?: string): Collection {
		const key = orgKey ?? this.defaultOrgKey();
		const mapKey = `${key}\u0000${name}`;
		let c = this.collections.get(mapKey);
		if (!c) {
			c = new Collection(name, key, this.hooks);
			this.collections.set(mapKey, c);
		}
		return c;
	}

	/** Every collection that exists, as `{orgKey, name, size}`. */
	describe(): Array<{ orgKey: string; name: string; size: number }> {
		return [...this.collections.values()].map((c) => ({ orgKey: c.orgKey, name: c.name, size: c.size }));
	}

	clear(): void {
		this.collections.clear();
	}
}
