/**
 * Spend & Expense custom field values (BILL resource `customFieldValue`).
 */
import { spendList } from '../family/spend';
import { bodyOf, forEndpoint, invalid, missing, notFound, view, withRecord } from '../handlers';
import type { EmuRecord } from '../store';
import type { CustomHandler, Emulator } from '../types';
import { addValues, CUSTOM_FIELD, customFieldValues } from './customField';

export const customFieldValueHandlers: CustomHandler[] = [
	forEndpoint('GET /v3/spend/custom-fields/{customFieldId}/values', withRecord({
		find: CUSTOM_FIELD,
		handle(req, emu: Emulator, field) {
			// BILL's example filters values with `retired`; a deleted value is a retired one.
			const original = req.query.filters;
			if (original !== undefined) req.query.filters = original.replace(/(^|,)\s*retired:/g, '$1deleted:');
			const res = spendList(emu, req, customFieldValues(emu, req, field));
			if (original !== undefined) req.query.filters = original;
			return res;
		},
	})),
	forEndpoint('POST /v3/spend/custom-fields/{customFieldId}/values', withRecord({
		find: CUSTOM_FIELD,
		handle(req, emu: Emulator, field) {
			const added = addValues(emu, req, field, bodyOf(req).values);
			if (!Array.isArray(added)) return added;
			// BILL's example sends three values and answers one value object: so does the emulator
			// (the first value created; which one BILL returns is [inferred]).
			return { body: view(emu, added[0]) };
		},
	})),
	forEndpoint('DELETE /v3/spend/custom-fields/{customFieldId}/values', withRecord({
		find: CUSTOM_FIELD,
		handle(req, emu: Emulator, field) {
			const ids = bodyOf(req).customFieldValueIds;
			if (!Array.isArray(ids) || ids.length === 0) return missing('customFieldValueIds');
			const values = customFieldValues(emu, req, field);
			const targets: EmuRecord[] = [];
			for (const id of ids) {
				const v = values.find((x) => x.id === id || x.uuid === id);
				if (!v) return invalid('customFieldValueIds', id);
				targets.push(v);
			}
			// "Values cannot be assigned to current or future transactions; they remain on past ones."
			for (const v of targets) v.deleted = true;
			return { status: 200 };
		},
	})),
	forEndpoint('GET /v3/spend/custom-fields/{customFieldId}/values/{customFieldValueId}', withRecord({
		find: CUSTOM_FIELD,
		handle(req, emu: Emulator, field) {
			const v = customFieldValues(emu, req, field).find((x) => x.id === req.params.customFieldValueId || x.uuid === req.params.customFieldValueId);
			return v ? { body: view(emu, v) } : notFound();
		},
	})),
];

export const handlers: CustomHandler[] = [
	...customFieldValueHandlers,
];
