import { kindOf, listOperationOf } from '../catalog/kinds';
import type { OperationDef, ResourceDef } from '../catalog/types';
import { IDEMPOTENT_METHODS } from '../transport/retry';
import type { RequestSubject } from '../transport/request';

/**
 * What a POST/PATCH does, in the user's words, for the error when BILL may have done it and the
 * node cannot tell (the request layer never sends it twice). Derived from the table: the kind says
 * what it does to a record ("created"), the operation's action and the resource name the record
 * ("mass payment", "payment"), the resource's Get Many where to look.
 */
export function subjectOf(op: OperationDef, resources: ResourceDef[], items: number[]): RequestSubject | undefined {
	if (IDEMPOTENT_METHODS.has(op.method)) return undefined;
	const resource = resources.find((r) => r.value === op.resource);
	const name = resource?.name ?? op.resource;
	const list = resource ? listOperationOf(resource) : undefined;
	const one = /^Create (?:or update )?(?:an? )?(.+)$/.exec(op.action)?.[1] ?? name.toLowerCase();
	const many = (list && /^Get many (.+)$/i.exec(list.action)?.[1]) || `${one}s`;
	const { done } = kindOf(op);
	const batch = items.length > 1;
	const what = done ? `${done} ${batch ? `the ${many} of ${itemsText(items)}` : `this ${one}`}` : `carried out “${op.action}”${batch ? ` for ${itemsText(items)}` : ''}`;
	return {
		done: what,
		check: list ? `${name} → ${list.name}` : `the ${many} in BILL`,
		...(done === 'created' && list ? { createdNoun: many } : {}),
		items: itemsText(items),
	};
}

/** Sorted item indexes as ranges: [0, 1, 2, 5] → ["0–2", "5"]. */
export function itemRanges(items: number[]): string[] {
	const ranges: string[] = [];
	for (let k = 0; k < items.length; ) {
		let j = k;
		while (j + 1 < items.length && items[j + 1] === items[j] + 1) j++;
		ranges.push(j === k ? String(items[k]) : `${items[k]}–${items[j]}`);
		k = j + 1;
	}
	return ranges;
}

/** "item 3", "items 0–49", "items 0–39, 60–99" (at most 20 ranges, then "…"). */
export function itemsText(items: number[]): string {
	if (items.length === 1) return `item ${items[0]}`;
	const ranges = itemRanges(items);
	return `items ${ranges.length > 20 ? `${ranges.slice(0, 20).join(', ')}, …` : ranges.join(', ')}`;
}
