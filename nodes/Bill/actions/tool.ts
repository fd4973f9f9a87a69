/**
 * The BILL node as an AI Agent's tool (n8n derives `billTool` from `usableAsTool`): money movement
 * refused unless switched on for the tool, mistakes returned to the model as results it can act on,
 * output sized for a model. Outside AI use nothing here runs (router.ts asks `isAiTool` first).
 *
 * How the node knows: n8n runs the tool variant, whose type name ends in `Tool`, both when an
 * agent calls it through n8n-core's tool wrapper (Agent 2.x) and when the engine runs it as a node
 * for the agent (Agent 3.x); the editor's `@tool` display condition tests the same name.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { classOf, moneyFieldsOf, moneyReason, setsMoneyField } from '../catalog/money';
import type { OperationDef, ResourceDef } from '../catalog/types';
import { bodyFor } from './request';

export const TOOL = {
	allowMoney: 'allowMoneyMovement',
	output: 'toolOutput',
	fields: 'toolFields',
	/** The Limit a Get Many offers as a tool. */
	limit: 10,
} as const;

const onlyAsTool = { '@tool': [true] };

export function isAiTool(ctx: Pick<IExecuteFunctions, 'getNode'>): boolean {
	return /Tool$/.test(ctx.getNode().type);
}

/** The tool-only parameters of one operation's form (compacted with the other forms). */
export function toolOperationProperties(resource: ResourceDef, op: OperationDef): INodeProperties[] {
	if (classOf(resource.value, op) !== 'money') return [];
	return [
		{
			displayName: 'Allow Money Movement (AI Tool)',
			name: TOOL.allowMoney,
			type: 'boolean',
			default: false,
			description: 'Whether the AI agent may run this operation, which moves money in BILL (consider human review of tool calls). Off: the agent is told it is not allowed and nothing is sent.',
			displayOptions: { show: onlyAsTool },
		},
	];
}

/** Tool-only parameters of every operation: one of each for the whole node. */
export function toolProperties(): INodeProperties[] {
	return [
		{
			displayName: 'Output',
			name: TOOL.output,
			type: 'options',
			options: [
				{ name: 'Simplified', value: 'simplified', description: 'Key fields of each record, empty values left out' },
				{ name: 'Raw', value: 'raw', description: "BILL's whole records" },
				{ name: 'Selected Fields', value: 'selected', description: 'Only the fields named below (and the ID)' },
			],
			default: 'simplified',
			description: 'What the AI agent receives: smaller results leave the model more room',
			displayOptions: { show: onlyAsTool },
		},
		{
			displayName: 'Fields',
			name: TOOL.fields,
			type: 'string',
			default: '',
			placeholder: 'name, amount, dueDate',
			description: 'Comma-separated fields to return; the ID is always kept',
			displayOptions: { show: { ...onlyAsTool, [TOOL.output]: ['selected'] } },
		},
	];
}

/** The refusal of money movement, as the tool's result: nothing was sent. */
function refusal(resource: ResourceDef, op: OperationDef, why: string): IDataObject {
	return {
		error: `Not allowed: "${op.action}" moves money in BILL (${why}) and this tool is not allowed to move money. Nothing was sent to BILL.`,
		hint: 'Tell the user that a person must do this in BILL, or switch on "Allow Money Movement (AI Tool)" for this tool in n8n.',
		operation: `${resource.value}:${op.operation}`,
	};
}

/**
 * Money movement refused to an AI tool unless allowed: the refusal of each item, or undefined to run.
 * Record writes that can set up payments (vendor auto-pay) are refused only for items that set it.
 */
export function toolRefusals(ctx: IExecuteFunctions, resource: ResourceDef, op: OperationDef, resources: ResourceDef[], itemCount: number): INodeExecutionData[] | undefined {
	const cls = classOf(resource.value, op);
	if (cls === 'read') return undefined;
	const allowed = (i: number) => ctx.getNodeParameter(TOOL.allowMoney, i, false) === true;
	const refused: INodeExecutionData[] = [];
	for (let i = 0; i < itemCount; i++) {
		if (cls === 'money' && !allowed(i)) refused.push({ json: refusal(resource, op, moneyReason(resource.value, op.operation) ?? 'money movement'), pairedItem: { item: i } });
		else if (cls === 'write' && moneyFieldsOf(op) && !allowed(i)) {
			let body: unknown;
			try {
				body = bodyFor(ctx, op, i, resources);
			} catch {
				continue; // the handler reports the item's own mistake
			}
			if (setsMoneyField(body)) refused.push({ json: refusal(resource, op, 'it turns on automatic payment'), pairedItem: { item: i } });
		}
	}
	return refused.length ? refused : undefined;
}

/** An error as the tool's result: what was wrong and how to fix it, so that the model can call again. */
export function toolError(error: Error, itemIndex: number): INodeExecutionData {
	const e = error as Error & { description?: string | null; httpCode?: string | null };
	const json: IDataObject = { error: e.message };
	if (e.description) json.hint = e.description;
	if (error instanceof NodeApiError) json.fromBill = true;
	return { json: redact(json) as IDataObject, pairedItem: { item: itemIndex } };
}

/** Keys that are secrets or card/bank numbers: never in a tool result (output.ts already removes BILL's session and keys). */
const SECRET_KEY = /^(sessionId|devKey|developerApiKey|apiToken|password|appKey|token|jwt|panJwt|securityKey|secret|mfaId|rememberMeId|cvv|pan)$/i;
const NUMBER_KEY = /^(accountNumber|routingNumber|cardNumber)$/i;

/** Removes secrets and masks full bank or card numbers (BILL's own masks are kept). */
export function redact(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(redact);
	if (!value || typeof value !== 'object') return value;
	const out: IDataObject = {};
	for (const [k, v] of Object.entries(value as IDataObject)) {
		if (SECRET_KEY.test(k)) continue;
		if (NUMBER_KEY.test(k) && typeof v === 'string' && /\d{5,}/.test(v)) out[k] = `****${v.slice(-4)}`;
		else out[k] = redact(v) as IDataObject[string];
	}
	return out;
}

const isEmpty = (v: unknown) => v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0) || (typeof v === 'object' && !Array.isArray(v) && Object.keys(v as object).length === 0);

/** One record as the Output choice says: Simplified (the resource's key fields, else every non-empty field), Raw, or Selected Fields; the ID is always kept. */
export function toolRecord(record: IDataObject, resource: ResourceDef, output: string, selected: string[]): IDataObject {
	const clean = redact(record) as IDataObject;
	if (output === 'raw' || 'error' in clean) return clean;
	const keys = output === 'selected' && selected.length ? selected : (resource.simplifyFields ?? Object.keys(clean));
	const out: IDataObject = {};
	if (clean.id !== undefined) out.id = clean.id;
	for (const k of keys) if (k in clean && !isEmpty(clean[k])) out[k] = clean[k];
	return out;
}

/**
 * The node's output items as the tool's result: shaped by Output, secrets removed; a Get Many that
 * stopped at its Limit says how to get more.
 */
export function toolOutput(ctx: IExecuteFunctions, resource: ResourceDef, op: OperationDef, items: INodeExecutionData[]): INodeExecutionData[] {
	const output = String(ctx.getNodeParameter(TOOL.output, 0, 'simplified'));
	const selected = String(ctx.getNodeParameter(TOOL.fields, 0, '') ?? '')
		.split(',')
		.map((s) => s.trim())
		.filter(Boolean);
	const shaped = items.map((item) => ({ ...item, json: toolRecord(item.json, resource, output, selected) }));
	if (op.kind !== 'list' || ctx.getNodeParameter('returnAll', 0, false) === true) return shaped;
	const limit = Number(ctx.getNodeParameter('limit', 0, TOOL.limit));
	if (shaped.length < limit || shaped.some((i) => 'error' in i.json)) return shaped;
	const fromModel = /\$fromAI\(/.test(String(ctx.getNode().parameters.limit ?? ''));
	const more = fromModel
		? `Only the first ${limit} were returned and there may be more: call again with a larger limit (or filters) to get more.`
		: `Only the first ${limit} were returned and there may be more: use filters to narrow the list, or ask the user to raise this tool's Limit.`;
	return [...shaped, { json: { moreAvailable: true, note: more }, pairedItem: { item: 0 } }];
}
