/** Notices shown above an operation's fields (BILL's rules for it), each written once. */

/** BILL refuses these calls unless the signed-in user has the Administrator role. */
export const organizationAdminHint = 'The signed-in BILL user needs the Administrator role for this operation.';

/** Emails to customers (invoice email) count against BILL's limit of 5 per minute. */
export const emailLimitHint =
	'BILL sends an email for this call; such calls are limited to 5 per minute per developer key.';

/** Shown on uploads. */
export const uploadHint =
	'Sends the file of the input item\'s binary property (6 MB at most; the file name becomes BILL\'s document name). BILL finishes processing the file a few minutes later.';

/** Operations that need the Spend & Expense ADMIN role. */
export const spendAdminHint = 'BILL allows this only for a Spend & Expense user with the ADMIN role (the owner of the API token).';

export const partnerHint = 'Runs with the BILL Partner API credential (partner session and app key).';

export const webhooksHint =
	'Pick the Event Family above: organization (AP/AR events), partner (events of all your organizations) or Spend & Expense.';
