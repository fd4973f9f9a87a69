/**
 * What the editor shows for one operation, independent of how the description is laid out:
 * the parameters visible for (resource, operation) — top-level ones and, inside collections, the
 * children whose root conditions (`/resource`, `/operation`) admit the operation — with those
 * resource/operation conditions removed and collection children in a stable order.
 *
 * Two descriptions are equivalent for an operation when their effective parameters are equal:
 * that is how the lighter (shared, merged) description is checked against the one saved from
 * main before the restructuring (test/fixtures/description-main.json.gz).
 */
import type { INodeProperties, INodePropertyCollection, INodePropertyOptions, INodeTypeDescription } from 'n8n-workflow';

type Child = INodeProperties | INodePropertyOptions | INodePropertyCollection;

export interface OperationKey {
	resource: string;
	operation: string;
}

/** Every (resource, operation) of a description, from its Operation lists. */
export function operationsOf(description: INodeTypeDescription): OperationKey[] {
	const out: OperationKey[] = [];
	for (const p of description.properties) {
		if (p.name !== 'operation') continue;
		for (const resource of (p.displayOptions?.show?.resource ?? []) as string[]) {
			for (const o of (p.options ?? []) as INodePropertyOptions[]) out.push({ resource, operation: String(o.value) });
		}
	}
	return out;
}

/**
 * Whether a `show` / `hide` condition set admits the operation (conditions on other parameters are
 * kept, not evaluated). n8n's `@tool` condition is evaluated: true in the AI tool variant (a
 * description named `…Tool`), false in the node itself.
 */
function admits(displayOptions: INodeProperties['displayOptions'], key: OperationKey, root: boolean, tool = false): boolean {
	if (!displayOptions) return true;
	if (displayOptions.show?.['@tool'] && !(displayOptions.show['@tool'] as unknown[]).includes(tool)) return false;
	if (displayOptions.hide?.['@tool'] && (displayOptions.hide['@tool'] as unknown[]).includes(tool)) return false;
	const r = root ? '/resource' : 'resource';
	const o = root ? '/operation' : 'operation';
	const show = displayOptions.show ?? {};
	const hide = displayOptions.hide ?? {};
	if (show[r] && !(show[r] as unknown[]).includes(key.resource)) return false;
	if (show[o] && !(show[o] as unknown[]).includes(key.operation)) return false;
	if (hide[r] && (hide[r] as unknown[]).includes(key.resource)) return false;
	if (hide[o] && (hide[o] as unknown[]).includes(key.operation)) return false;
	return true;
}

function stripConditions(displayOptions: INodeProperties['displayOptions']): INodeProperties['displayOptions'] | undefined {
	if (!displayOptions) return undefined;
	const clean = (c?: Record<string, unknown>) => {
		if (!c) return undefined;
		const rest = Object.fromEntries(Object.entries(c).filter(([k]) => !['resource', 'operation', '/resource', '/operation', '@tool'].includes(k)));
		return Object.keys(rest).length ? rest : undefined;
	};
	const show = clean(displayOptions.show);
	const hide = clean(displayOptions.hide);
	if (!show && !hide) return undefined;
	return { ...(show ? { show } : {}), ...(hide ? { hide } : {}) } as INodeProperties['displayOptions'];
}

/** Sorted keys, so that equal objects serialize equally. */
export function canonical(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(canonical);
	if (value && typeof value === 'object') {
		return Object.fromEntries(
			Object.keys(value)
				.sort()
				.filter((k) => (value as Record<string, unknown>)[k] !== undefined)
				.map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
		);
	}
	return value;
}

function effectiveChild(child: Child, key: OperationKey, tool = false): Child | undefined {
	const c = child as INodeProperties;
	if ('displayOptions' in c && !admits(c.displayOptions, key, true, tool)) return undefined;
	const out: Record<string, unknown> = { ...c };
	const displayOptions = stripConditions(c.displayOptions);
	if (displayOptions) out.displayOptions = displayOptions;
	else delete out.displayOptions;
	if (Array.isArray(c.options) && (c.type === 'collection' || c.type === 'fixedCollection' || c.type === undefined)) {
		const children = (c.options as Child[]).map((x) => effectiveChild(x, key, tool)).filter((x): x is Child => !!x);
		out.options = c.type === 'collection' ? children.sort((a, b) => a.name.localeCompare(b.name)) : children;
	}
	const values = (child as INodePropertyCollection).values;
	if (Array.isArray(values)) out.values = values.map((x) => effectiveChild(x, key, tool)).filter(Boolean);
	return out as unknown as Child;
}

/** The effective parameters of one operation, canonical (sorted keys), in form order. */
export function effectiveParameters(description: INodeTypeDescription, key: OperationKey): unknown[] {
	const out: unknown[] = [];
	const tool = description.name.endsWith('Tool');
	for (const p of description.properties) {
		if (p.name === 'resource' || p.name === 'operation') continue;
		if (!admits(p.displayOptions, key, false, tool)) continue;
		out.push(canonical(effectiveChild(p, key, tool)));
	}
	return out;
}
