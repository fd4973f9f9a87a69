import type { CustomHandler } from '../types';

/** Custom emulator handlers for the Connect AP resources (bills, payments, documents, …). */
export const handlers: CustomHandler[] = [];
