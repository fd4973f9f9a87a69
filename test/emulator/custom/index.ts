/**
 * Custom handlers of every family, merged. Each module exports `handlers: CustomHandler[]` and may
 * also export `collectionAliases: Record<string, string>` (rename a derived collection, e.g.
 * `{'attachments/vendors': 'attachments'}`) and `seed(emu)` (fixed data, run at start and on reset).
 */
import type { CustomHandler } from '../types';
import * as connect from './connect';
import * as connectAp from './connect-ap';
import * as extra from './extra';
import * as international from './international';
import * as massPayments from './mass-payments';
import * as partner from './partner';
import * as spend from './spend';
import * as webhooks from './webhooks';

interface CustomModule {
	handlers: CustomHandler[];
	collectionAliases?: Record<string, string>;
	/** `emu` is the BillEmulator (typed loosely to avoid an import cycle). */
	seed?: (emu: any) => void;
}

const modules: CustomModule[] = [connectAp, international, massPayments, connect, extra, spend, partner, webhooks] as CustomModule[];

export const customHandlers: CustomHandler[] = modules.flatMap((m) => m.handlers);

export const customCollectionAliases: Record<string, string> = Object.assign({}, ...modules.map((m) => m.collectionAliases ?? {}));

export const customSeeders: Array<(emu: any) => void> = modules.flatMap((m) => (m.seed ? [m.seed] : []));
