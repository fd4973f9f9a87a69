import type { FilterFieldDef, FilterOperator, OperationDef } from './types';

/**
 * BILL's `filters` and `sort` query syntax, and which fields and operators each list accepts,
 * read from the table (`filterFields`, `sortFields` of a list operation).
 */

/** Every operator, as the Operator list shows it. */
export const FILTER_OPERATORS: Array<{ name: string; value: FilterOperator }> = [
	{ name: 'Equal', value: 'eq' },
	{ name: 'Greater Than', value: 'gt' },
	{ name: 'Greater Than or Equal', value: 'gte' },
	{ name: 'In (Comma-Separated List)', value: 'in' },
	{ name: 'Less Than', value: 'lt' },
	{ name: 'Less Than or Equal', value: 'lte' },
	{ name: 'Not Equal', value: 'ne' },
	{ name: 'Not In (Comma-Separated List)', value: 'nin' },
	{ name: 'Starts With', value: 'sw' },
];

/**
 * [inferred] Operators of a field that the table names without BILL's operator list (BILL's
 * filterable-fields page does not cover that list): every operator is offered and BILL decides.
 */
const UNDOCUMENTED_OPERATORS: FilterOperator[] = FILTER_OPERATORS.map((o) => o.value);

/** The fields BILL filters this list on, each with its operators. */
export function filterFieldsOf(op: Pick<OperationDef, 'filterFields'>): FilterFieldDef[] {
	return (op.filterFields ?? []).map((f) => (typeof f === 'string' ? { name: f, operators: UNDOCUMENTED_OPERATORS } : f));
}

/** Operators BILL allows for a field of this list (every operator for a field the table does not know, e.g. an expression). */
export function operatorsOf(op: Pick<OperationDef, 'filterFields'>, field: string): FilterOperator[] {
	return filterFieldsOf(op).find((f) => f.name === field)?.operators ?? UNDOCUMENTED_OPERATORS;
}

/** Quote a filter value the way BILL's `filters` syntax wants it. */
export function filterValue(operator: string, value: string): string {
	const v = value.trim();
	if (operator === 'in' || operator === 'nin') return `"${v.split(',').map((s) => s.trim()).filter(Boolean).join(',')}"`;
	if (/^".*"$/.test(v)) return v;
	if (operator === 'sw' || /^\d{4}-\d{2}-\d{2}/.test(v) || /[^A-Za-z0-9_.-]/.test(v)) return `"${v.replace(/"/g, '')}"`;
	return v;
}

/** `field:operator:value`, one condition of BILL's `filters`. */
export function filterCondition(field: string, operator: string, value: string): string {
	return `${field}:${operator}:${filterValue(operator, value)}`;
}
