import type { ResourceDef } from '../catalog/types';
import { connectOperations, listOp } from './shared/operations';

/** BILL's AP Card: a card for paying vendors who accept virtual cards, with rewards and no fees. */
export const apCard: ResourceDef = {
	value: 'apCard',
	name: 'AP Card',
	api: 'connect',
	description: 'BILL AP Cards of your organization',
	operations: connectOperations('apCard', [
		listOp(
			{ resource: 'apCard', one: 'AP card', many: 'AP cards' },
			'/v3/funding-accounts/ap-cards',
			{
				pagination: 'none',
				description:
					'List the AP Cards of your organization (status, balance and limit). The AP Card pays vendors who accept virtual cards, with no transaction fees.',
			},
			{ response: { array: true } },
		),
	]),
};
