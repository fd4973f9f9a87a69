import type { ResourceDef } from '../../catalog/types';
import { webhookEvent } from './event';
import { webhookHealth } from './health';
import { webhookSubscription } from './subscription';

/** Webhook management (`connect-events` base; organization, partner or Spend & Expense authentication). */
export const webhooksResources: ResourceDef[] = [webhookSubscription, webhookEvent, webhookHealth];
