import type { INodeProperties } from 'n8n-workflow';

/**
 * Lays out the node's parameters compactly without changing what the editor shows. The builder
 * writes each operation's form on its own (description.ts); here:
 *
 * - a parameter that several operations show identically is written once, shown for all of them
 *   (`resource` × `operation` rectangles that admit no other existing operation);
 * - collections named in `shared` (the Options collection) become one collection for every
 *   operation, each child shown only where it belongs (conditions on `/resource`, `/operation`);
 * - the order of the parameters keeps every operation's form order (a topological order of all
 *   forms; a form whose order could not be kept is an error at build time).
 *
 * test/node/description-compat.test.ts checks that each operation's form is unchanged.
 */

export interface OperationForm {
	resource: string;
	operation: string;
	/** The operation's parameters in form order, without resource/operation conditions. */
	properties: INodeProperties[];
}

interface Rectangle {
	resources: string[];
	operations: string[];
}

const pairKey = (resource: string, operation: string) => `${resource}\u0000${operation}`;

/**
 * Covers `members` (resource/operation pairs) with few rectangles R × O, each admitting no
 * existing operation outside `members` (pairs that are no operation at all are harmless).
 */
export function rectangles(members: Array<{ resource: string; operation: string }>, exists: Set<string>): Rectangle[] {
	const member = new Set(members.map((m) => pairKey(m.resource, m.operation)));
	const byResource = new Map<string, Set<string>>();
	for (const m of members) byResource.set(m.resource, (byResource.get(m.resource) ?? new Set()).add(m.operation));
	const bySet = new Map<string, Rectangle>();
	for (const [resource, ops] of byResource) {
		const operations = [...ops].sort();
		const k = operations.join(',');
		const rect = bySet.get(k) ?? { resources: [], operations };
		rect.resources.push(resource);
		bySet.set(k, rect);
	}
	const rects = [...bySet.values()];
	const valid = (r: Rectangle) => r.resources.every((res) => r.operations.every((op) => member.has(pairKey(res, op)) || !exists.has(pairKey(res, op))));
	for (let merged = true; merged; ) {
		merged = false;
		for (let i = 0; i < rects.length && !merged; i++) {
			for (let j = i + 1; j < rects.length && !merged; j++) {
				const union: Rectangle = {
					resources: [...new Set([...rects[i].resources, ...rects[j].resources])],
					operations: [...new Set([...rects[i].operations, ...rects[j].operations])].sort(),
				};
				if (valid(union)) {
					rects.splice(j, 1);
					rects[i] = union;
					merged = true;
				}
			}
		}
	}
	return rects;
}

function withConditions(property: INodeProperties, rect: Rectangle, root: boolean): INodeProperties {
	const r = root ? '/resource' : 'resource';
	const o = root ? '/operation' : 'operation';
	const show = { [r]: rect.resources, [o]: rect.operations, ...(property.displayOptions?.show ?? {}) };
	return { ...property, displayOptions: { ...property.displayOptions, show } };
}

/** Identity of a parameter apart from where it is shown. */
const identity = (p: INodeProperties) => JSON.stringify(p);

/** One collection for every operation: each child once per place it is shown (root conditions). */
function sharedCollection(name: string, forms: OperationForm[], exists: Set<string>): { property: INodeProperties; everywhere: boolean } {
	const children = new Map<string, { child: INodeProperties; members: Array<{ resource: string; operation: string }> }>();
	let template: INodeProperties | undefined;
	const holders: OperationForm[] = [];
	for (const form of forms) {
		const collection = form.properties.find((p) => p.name === name);
		if (!collection) continue;
		holders.push(form);
		const { options, ...rest } = collection;
		if (template && identity(template) !== identity({ ...rest } as INodeProperties)) throw new Error(`The "${name}" collections differ apart from their options`);
		template = rest as INodeProperties;
		for (const child of (options ?? []) as INodeProperties[]) {
			const k = identity(child);
			const entry = children.get(k) ?? { child, members: [] };
			entry.members.push({ resource: form.resource, operation: form.operation });
			children.set(k, entry);
		}
	}
	const options: INodeProperties[] = [];
	const names = new Set<string>();
	for (const { child, members } of children.values()) {
		if (names.has(child.name)) throw new Error(`Option "${child.name}" of "${name}" has several definitions: give them different names`);
		names.add(child.name);
		if (members.length === forms.length) {
			options.push(child);
			continue;
		}
		const rects = rectangles(members, exists);
		if (rects.length !== 1) throw new Error(`Option "${child.name}" of "${name}" is shown for operations that no single resource × operation condition selects`);
		options.push(withConditions(child, rects[0], true));
	}
	options.sort((a, b) => a.displayName.localeCompare(b.displayName));
	return { property: { ...template!, options }, everywhere: holders.length === forms.length };
}

export function compactProperties(forms: OperationForm[], shared: string[] = []): INodeProperties[] {
	const exists = new Set(forms.map((f) => pairKey(f.resource, f.operation)));
	// Groups of identical parameters, and each form's sequence of groups.
	const groups = new Map<string, { property: INodeProperties; members: Array<{ resource: string; operation: string }>; first: number }>();
	const sequences: string[][] = [];
	let counter = 0;
	for (const name of shared) {
		const { property, everywhere } = sharedCollection(name, forms, exists);
		if (!everywhere) throw new Error(`The shared collection "${name}" must be part of every operation's form`);
		groups.set(`shared:${name}`, { property, members: [], first: counter++ });
	}
	for (const form of forms) {
		const sequence: string[] = [];
		for (const property of form.properties) {
			const k = shared.includes(property.name) ? `shared:${property.name}` : identity(property);
			const group = groups.get(k) ?? { property, members: [], first: counter++ };
			if (!k.startsWith('shared:')) group.members.push({ resource: form.resource, operation: form.operation });
			groups.set(k, group);
			sequence.push(k);
		}
		sequences.push(sequence);
	}
	// A topological order of all forms' sequences (Kahn; ties by first appearance).
	const after = new Map<string, Set<string>>();
	const indegree = new Map<string, number>([...groups.keys()].map((k) => [k, 0]));
	for (const seq of sequences) {
		for (let i = 1; i < seq.length; i++) {
			const edges = after.get(seq[i - 1]) ?? new Set<string>();
			if (!edges.has(seq[i])) {
				edges.add(seq[i]);
				indegree.set(seq[i], (indegree.get(seq[i]) ?? 0) + 1);
			}
			after.set(seq[i - 1], edges);
		}
	}
	const ready = [...groups.keys()].filter((k) => indegree.get(k) === 0);
	const order: string[] = [];
	while (ready.length) {
		ready.sort((a, b) => groups.get(a)!.first - groups.get(b)!.first);
		const k = ready.shift()!;
		order.push(k);
		for (const next of after.get(k) ?? []) {
			indegree.set(next, indegree.get(next)! - 1);
			if (indegree.get(next) === 0) ready.push(next);
		}
	}
	if (order.length !== groups.size) {
		const stuck = [...groups.keys()].filter((k) => !order.includes(k)).map((k) => groups.get(k)!.property.name);
		throw new Error(`No parameter order keeps every operation's form order (parameters ${[...new Set(stuck)].join(', ')}): keep their order the same in every operation`);
	}
	return order.flatMap((k) => {
		const group = groups.get(k)!;
		if (k.startsWith('shared:')) return [group.property];
		return rectangles(group.members, exists).map((rect) => withConditions(group.property, rect, false));
	});
}
