import type { CustomHandler } from '../types';
import { handlers as connect } from './connect';
import { handlers as connectAp } from './connect-ap';
import { handlers as partner } from './partner';
import { handlers as spend } from './spend';
import { handlers as webhooks } from './webhooks';

export const customHandlers: CustomHandler[] = [...connectAp, ...connect, ...spend, ...partner, ...webhooks];
