import { defineResource, listOp } from './shared/operations';

/** BILL's AP Card: a card for paying vendors who accept virtual cards, with rewards and no fees. */
export const apCard = defineResource({
	value: 'apCard',
	name: 'AP Card',
	api: 'connect',
	description: 'BILL AP Cards of your organization',
	operations: [
		listOp(
			{ many: 'AP cards' },
			'/v3/funding-accounts/ap-cards',
			{
				pagination: 'none',
				description:
					'List the AP Cards of your organization (status, balance and limit). The AP Card pays vendors who accept virtual cards, with no transaction fees.',
			},
			{ response: { array: true } },
		),
	],
});
