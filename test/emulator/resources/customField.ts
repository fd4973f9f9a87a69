/**
 * Spend & Expense custom fields (BILL resource `customField`).
 */
import { bySpend, findSpend, insertSpend, listHandler, SPEND, spendColl } from '../family/spend';
import { bodyOf, changeRecord, forEndpoint, invalid, isBlank, isObject, missing, pickDefined, removeRecord, view, withGuard } from '../handlers';
import type { EmuRecord } from '../store';
import type { CustomHandler, Emulator, EmuRequest, EmuResponse } from '../types';
import { requireAdmin } from './spendUser';

/* ------------------------------------------------------------------ custom fields and values */

function fieldBudgets(emu: Emulator, req: EmuRequest, name: string, v: unknown): { ids: string[]; uuids: string[] } | EmuResponse {
	if (v === undefined || v === null) return { ids: [], uuids: [] };
	if (!Array.isArray(v)) return invalid(name, v);
	const ids: string[] = [];
	const uuids: string[] = [];
	for (const x of v) {
		const budget = findSpend(spendColl(emu, req, SPEND.budgets), x);
		if (!budget) return invalid(name, x);
		ids.push(budget.id);
		uuids.push(String(budget.uuid));
	}
	return { ids, uuids };
}

export function customFieldValues(emu: Emulator, req: EmuRequest, field: EmuRecord): EmuRecord[] {
	return spendColl(emu, req, SPEND.values).list((v) => (v._scope as Record<string, unknown>)?.customFieldId === field.id);
}

/** Adds values to a custom field; refuses a value the field has already [inferred]. */
export function addValues(emu: Emulator, req: EmuRequest, field: EmuRecord, values: unknown): EmuRecord[] | EmuResponse {
	if (!Array.isArray(values) || values.length === 0) return missing('values');
	const existing = new Set(customFieldValues(emu, req, field).filter((v) => v.deleted !== true).map((v) => String(v.value).toLowerCase()));
	for (const v of values) {
		if (typeof v !== 'string' || v.trim() === '') return invalid('values', v);
		if (existing.has(v.toLowerCase())) return invalid('values', `${v} (the custom field has this value)`);
		existing.add(v.toLowerCase());
	}
	return (values as string[]).map((value) => insertSpend(emu, req, SPEND.values, { value, deleted: false, _scope: { customFieldId: field.id } }));
}

export const CUSTOM_FIELD = bySpend(SPEND.customFields, 'customFieldId');

export const customFieldHandlers: CustomHandler[] = [
	listHandler('GET /v3/spend/custom-fields', SPEND.customFields, 'customFieldIds'),
	forEndpoint('POST /v3/spend/custom-fields', withGuard({
		guard: requireAdmin,
		handle(req, emu: Emulator) {
			const b = bodyOf(req);
			for (const f of ['name', 'allowCustomValues', 'required', 'global']) if (b[f] === undefined || b[f] === null || b[f] === '') return missing(f);
			const selected = fieldBudgets(emu, req, 'selectedBudgetIds', b.selectedBudgetIds);
			if (!('ids' in selected)) return selected;
			const required = fieldBudgets(emu, req, 'requiredBudgetIds', b.requiredBudgetIds);
			if (!('ids' in required)) return required;
			if (spendColl(emu, req, SPEND.customFields).find((f) => String(f.name).toLowerCase() === String(b.name).toLowerCase() && f.retired !== true)) {
				return invalid('name', `${String(b.name)} (a custom field has this name)`);
			}
			const hasValues = Array.isArray(b.values) && b.values.length > 0;
			const field = insertSpend(emu, req, SPEND.customFields, {
				name: b.name,
				description: b.description ?? null,
				// [inferred] a field with a list of values is a selector; a free-text one a note.
				type: hasValues || b.allowCustomValues !== true ? 'CUSTOM_SELECTOR' : 'NOTE',
				multiSelect: b.multiSelect === true,
				allowCustomValues: b.allowCustomValues === true,
				minimumAmountForRequirement: b.minimumAmountForRequirement ?? null,
				required: b.required === true,
				global: b.global === true,
				retired: false,
				createdTime: emu.now(),
				selectedBudgetIds: selected.ids,
				selectedBudgetUuids: selected.uuids,
				requiredBudgetIds: required.ids,
				requiredBudgetUuids: required.uuids,
			});
			if (hasValues) {
				const added = addValues(emu, req, field, b.values);
				if (!Array.isArray(added)) {
					spendColl(emu, req, SPEND.customFields).remove(field.id);
					return added;
				}
			}
			return { body: view(emu, field) };
		},
	})),
	forEndpoint('PATCH /v3/spend/custom-fields/{customFieldId}', changeRecord({
		guard: requireAdmin,
		find: CUSTOM_FIELD,
		mode: 'update',
		change(req, emu: Emulator) {
			const b = bodyOf(req);
			const patch = pickDefined(b, ['name', 'description', 'allowCustomValues', 'minimumAmountForRequirement', 'required', 'global']);
			for (const [k, kU] of [
				['selectedBudgetIds', 'selectedBudgetUuids'],
				['requiredBudgetIds', 'requiredBudgetUuids'],
			]) {
				if (b[k] === undefined) continue;
				const r = fieldBudgets(emu, req, k, b[k]);
				if (!('ids' in r)) return r;
				patch[k] = r.ids;
				patch[kU] = r.uuids;
			}
			return patch;
		},
	})),
	forEndpoint('DELETE /v3/spend/custom-fields/{customFieldId}', removeRecord({
		guard: requireAdmin,
		find: CUSTOM_FIELD,
		after(req, emu: Emulator, field) {
			for (const v of customFieldValues(emu, req, field)) spendColl(emu, req, SPEND.values).remove(v.id);
		},
	})),
];

/** `[{customFieldId, selectedValues, note}]` → BILL's custom field objects of a transaction or reimbursement. */
export function resolveCustomFields(emu: Emulator, req: EmuRequest, raw: unknown): Array<Record<string, unknown>> | EmuResponse {
	if (raw === undefined || raw === null) return [];
	if (!Array.isArray(raw)) return invalid('customFields', raw);
	const out: Array<Record<string, unknown>> = [];
	for (const [i, cf] of raw.entries()) {
		if (!isObject(cf) || isBlank(cf.customFieldId)) return missing(`customFields[${i}].customFieldId`);
		const field = findSpend(spendColl(emu, req, SPEND.customFields), cf.customFieldId);
		if (!field || field.retired === true) return invalid(`customFields[${i}].customFieldId`, cf.customFieldId);
		const values = customFieldValues(emu, req, field);
		const selected: Array<Record<string, unknown>> = [];
		const sel = cf.selectedValues ?? [];
		if (!Array.isArray(sel)) return invalid(`customFields[${i}].selectedValues`, sel);
		if (sel.length > 1 && field.multiSelect !== true) return invalid(`customFields[${i}].selectedValues`, `${sel.length} values (the field takes one)`);
		for (const s of sel) {
			const v = values.find((x) => (x.id === s || x.uuid === s) && x.deleted !== true);
			if (!v) return invalid(`customFields[${i}].selectedValues`, s);
			selected.push({ id: v.id, uuid: v.uuid, value: v.value });
		}
		out.push({ id: field.id, uuid: field.uuid, name: field.name, note: cf.note ?? null, isRequired: field.required === true, selectedValues: selected });
	}
	return out;
}

export const handlers: CustomHandler[] = [
	...customFieldHandlers,
];
