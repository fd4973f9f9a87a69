/** Webhook side of the BILL emulator: catalog, delivery engine and store observer. */
export * from './catalog';
export * from './delivery';
export { WEBHOOK_ERRORS } from '../resources/webhookSubscription';
