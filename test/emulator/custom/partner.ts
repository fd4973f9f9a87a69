import type { CustomHandler } from '../types';

/** Custom emulator handlers for the partner family (endpoints where BILL does more than generic CRUD). */
export const handlers: CustomHandler[] = [];
