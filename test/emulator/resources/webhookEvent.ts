/**
 * Webhook events (BILL resources `webhookEvent`): the events catalog, event history and resend
 * (subscriptions and their rules: webhookSubscription.ts).
 */
import { BDC, bdcError } from '../errors';
import { forEndpoint, invalidText as invalid, notFound, view, withRecord } from '../handlers';
import type { CustomHandler } from '../types';
import {
	deliverOnce,
	EVENTS,
	webhookSettings
} from '../webhooks/delivery';
import { catalogFor, Emu, familyOf, SUBSCRIPTION } from './webhookSubscription';

const eventHandlers: CustomHandler[] = [
	forEndpoint('GET /v3/events/catalog', (req, emu: Emu) => {
		const failure = webhookSettings(emu).catalogFailureStatus;
		if (failure) return bdcError(failure, failure >= 500 ? BDC.systemError.code : BDC.apiNotSupported.code, failure >= 500 ? BDC.systemError.message : BDC.apiNotSupported.message);
		return { body: catalogFor(emu, familyOf(req)).map((e) => ({ type: e.type, versions: [...e.versions] })) };
	}),
	forEndpoint('GET /v3/events/subscription/{subscriptionId}', withRecord({
		find: SUBSCRIPTION,
		handle(req, emu: Emu, sub) {
			const from = req.query.createdTimeFrom ? Date.parse(req.query.createdTimeFrom) : undefined;
			const to = req.query.createdTimeTo ? Date.parse(req.query.createdTimeTo) : emu.nowMs();
			if (from !== undefined && Number.isNaN(from)) return invalid('createdTimeFrom', req.query.createdTimeFrom);
			if (Number.isNaN(to)) return invalid('createdTimeTo', req.query.createdTimeTo);
			const entityId = req.query.entityId;
			const records = emu.collection(req, EVENTS).list((e) => {
				if (e.subscriptionId !== sub.id) return false;
				if (entityId && e._entityId !== entityId) return false;
				const t = Date.parse(String(e.createdTime));
				if (from !== undefined && t < from) return false;
				return t <= to;
			});
			// `ascending` sorts by created time (BILL changelog 2026-03-20); [inferred] without it, the emulator keeps the order of creation.
			const asc = req.query.ascending;
			if (asc !== undefined && asc !== 'true' && asc !== 'false') return invalid('ascending', asc);
			const keep = (k: string) => (req.query[k] !== undefined ? { [k]: req.query[k] } : {});
			// Sorted by the list's own sort (the page token is bound to it, so later pages keep the order).
			return emu.listResponse({ ...req, query: { ...keep('max'), ...keep('page'), ...(asc !== undefined ? { sort: `createdTime:${asc === 'true' ? 'asc' : 'desc'}` } : {}) } }, records);
		},
	})),
	forEndpoint('POST /v3/events/subscription/{subscriptionId}/event/{eventId}', withRecord({
		find: SUBSCRIPTION,
		async handle(req, emu: Emu, sub) {
			const event = emu.collection(req, EVENTS).get(req.params.eventId);
			if (!event || event.subscriptionId !== sub.id) return notFound();
			await deliverOnce(emu, sub, event, 1, true);
			return { body: view(emu, event) };
		},
	})),
];

export const handlers: CustomHandler[] = [
	...eventHandlers,
];
