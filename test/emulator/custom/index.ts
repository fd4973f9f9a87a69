/**
 * Custom handlers of every family, merged. Each module exports `handlers: CustomHandler[]` and may
 * also export `collectionAliases: Record<string, string>` (rename a derived collection, e.g.
 * `{'attachments/vendors': 'attachments'}`) and `seed(emu)` (fixed data, run at start and on reset).
 */
import type { CustomHandler, Emulator } from '../types';
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
	/** Fixed data, run at start and on reset. */
	seed?(emu: Emulator): void;
}

const modules: CustomModule[] = [connectAp, international, massPayments, connect, extra, spend, partner, webhooks];

export const customHandlers: CustomHandler[] = modules.flatMap((m) => m.handlers);

export const customCollectionAliases: Record<string, string> = Object.assign({}, ...modules.map((m) => m.collectionAliases ?? {}));

export const customSeeders: Array<(emu: Emulator) => void> = modules.flatMap((m) => (m.seed ? [m.seed] : []));
