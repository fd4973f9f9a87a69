/** Emulator configuration (mutable at run time through `emu.config`) and the default seed. */

export interface EmuOrganization {
	/** Begins with `008`. */
	id: string;
	name: string;
}

export interface EmuUser {
	username: string;
	password: string;
	/** Begins with `006`. */
	userId: string;
	/** Organizations the user may sign in to. */
	organizationIds: string[];
	role: string;
	/** Spend & Expense role (e.g. ADMIN); none = no S&E access (an OAuth app this user created cannot call S&E). */
	spendRole?: string;
	firstName?: string;
	lastName?: string;
}

export interface EmuPartner {
	username: string;
	password: string;
	appKey: string;
	partnerId: string;
	/** Child organizations the partner may act on (login-as-user, organizationId header). */
	organizationIds: string[];
}

export interface EmuSpendToken {
	token: string;
	organizationId: string;
}

/** BILL sync token: its name replaces the username and its value the password in `POST /v3/login`. */
export interface EmuSyncToken {
	name: string;
	value: string;
	userId: string;
	organizationId: string;
}

/** An MFA remember-me ID (from `POST /v3/mfa/challenge/validate`) and its device nickname. */
export interface EmuMfaDevice {
	rememberMeId: string;
	device: string;
	/** When set, only this user's logins become trusted. */
	userId?: string;
}

/**
 * A developer app of BILL OAuth (docs/oauth-facts.md): client ID and secret, created in one
 * organization by one user, whose product permissions its tokens carry.
 */
export interface EmuOAuthApp {
	clientId: string;
	clientSecret: string;
	organizationId: string;
	/** userId of the user who created the app. */
	createdBy: string;
}

/** An Accountant Console user and the client organizations the Console reaches. */
export interface EmuConsoleUser {
	/** The Console email address. */
	username: string;
	consoleApiToken: string;
	/** The user the Console signs in as in its client organizations (begins with 006). */
	userId: string;
	/** The Console's own organization (the parent in `GET /v3/login/organizations`). */
	consoleOrganizationId: string;
	organizationIds: string[];
}

export interface EmulatorConfig {
	organizations: EmuOrganization[];
	users: EmuUser[];
	devKeys: string[];
	partners: EmuPartner[];
	spendTokens: EmuSpendToken[];
	syncTokens: EmuSyncToken[];
	mfaDevices: EmuMfaDevice[];
	oauthApps: EmuOAuthApp[];
	/** Lifetime of an OAuth access token ([inferred] 60 minutes: BILL says "short-lived"). */
	oauthTokenTtlMs: number;
	consoleUsers: EmuConsoleUser[];
	/** Idle time after which a session is invalid (BILL: 35 minutes). */
	sessionIdleMs: number;
	/** Idle time of sessions opened with a sync token (BILL: 48 hours). */
	syncSessionIdleMs: number;
	/** In-flight requests per organization (BILL: 3). */
	maxConcurrentPerOrg: number;
	/** Requests per developer key (or partner app key) per clock hour (BILL: 20000). */
	hourlyCap: number;
	/** `POST /v3/login` calls per developer key per clock hour (BILL: 200). */
	loginHourlyCap: number;
	/** Spend & Expense calls per token per minute (BILL: 60). */
	spendPerMinute: number;
	/** Delay added to every request, while it counts as in flight. */
	latencyMs: number;
	/** When true, BILL's trusted-session calls (`TRUSTED_SESSION_CALLS` in server.ts) need an MFA-trusted session (BILL production). */
	productionRules: boolean;
	/** HTTP status used for BDC_1322 / BDC_1144 (BILL does not document it; clients must use the code). */
	limitErrorStatus: number;
	/**
	 * Whether lists return archived records when no `archived` filter / `includeArchived` is given.
	 * BILL's own examples sort lists by `archived` (`sort=archived`), so archived records are listed.
	 */
	includeArchivedByDefault: boolean;
	/** Upload limit (BILL: 6 MB). */
	maxUploadBytes: number;
	/** Stub for later: refuse non-https webhook subscription URLs. */
	httpsOnlyWebhooks: boolean;
	/** How BILL processes an uploaded bill document, in emulator time (see `DocumentProcessing`). */
	documentProcessing: DocumentProcessing;
	/** Lifetime of an exchange rate batch (BILL production: "the batch expiration time is 20 minutes"). */
	exchangeRateBatchMs: number;
	/**
	 * Emulator time after which BILL has processed a mass payment (every bill's payment created or
	 * failed, `batchStatus` COMPLETED). BILL says only "asynchronously" [inferred duration].
	 */
	massPaymentProcessingMs: number;
}

/**
 * Bill document processing (BILL: "it takes a few minutes for BILL to complete the upload process").
 * An upload reports `IN_PROGRESS`, then `IVA_PROCESSING`, then `UPLOADED` with its document.
 * [inferred] BILL gives no durations and no order of the two pending statuses; the split is the
 * emulator's.
 */
export interface DocumentProcessing {
	/** Time an upload reports IN_PROGRESS. */
	inProgressMs: number;
	/** Time it then reports IVA_PROCESSING before it is UPLOADED. */
	ivaProcessingMs: number;
	/** Uploads never reach UPLOADED (they stay IVA_PROCESSING): a wait that must give up. */
	neverFinish: boolean;
}

/** Uploads complete before the first status poll (tests that are not about the wait). */
export const INSTANT_DOCUMENT_PROCESSING: DocumentProcessing = { inProgressMs: 0, ivaProcessingMs: 0, neverFinish: false };

export const SEED = {
	organizationId: '00801EMULATOR0001',
	organizationId2: '00801EMULATOR0002',
	username: 'emulator@example.com',
	password: 'emulator-password',
	userId: '00601EMULATOR0001',
	devKey: 'emulator-dev-key',
	partnerUsername: 'partner@example.com',
	partnerPassword: 'partner-password',
	appKey: 'emulator-app-key',
	partnerId: 'emulator-partner',
	spendToken: 'emulator-spend-token',
	rememberMeId: 'emulator-remember-me',
	device: 'n8n',
	syncTokenName: 'emulator-sync-token',
	syncTokenValue: 'emulator-sync-secret',
	oauthClientId: 'emulator-client-id',
	oauthClientSecret: 'emulator-client-secret',
	consoleUsername: 'console@example.com',
	consoleApiToken: 'emulator-console-token',
	consoleUserId: '00601EMULATORCONS',
	consoleOrganizationId: '00801EMULATORCONS',
	clientOrganizationId: '00801EMULATORCLI1',
	clientOrganizationId2: '00801EMULATORCLI2',
} as const;

export function defaultSeed(): EmulatorConfig {
	return {
		organizations: [
			{ id: SEED.organizationId, name: 'Emulator Org' },
			{ id: SEED.organizationId2, name: 'Emulator Child Org' },
			{ id: SEED.consoleOrganizationId, name: 'Emulator Accounting Firm' },
			{ id: SEED.clientOrganizationId, name: 'Console Client One' },
			{ id: SEED.clientOrganizationId2, name: 'Console Client Two' },
		],
		users: [
			{
				username: SEED.username,
				password: SEED.password,
				userId: SEED.userId,
				organizationIds: [SEED.organizationId, SEED.organizationId2],
				role: 'ADMINISTRATOR',
				spendRole: 'ADMIN',
				firstName: 'Emma',
				lastName: 'Ulator',
			},
		],
		devKeys: [SEED.devKey],
		partners: [
			{
				username: SEED.partnerUsername,
				password: SEED.partnerPassword,
				appKey: SEED.appKey,
				partnerId: SEED.partnerId,
				organizationIds: [SEED.organizationId, SEED.organizationId2],
			},
		],
		spendTokens: [{ token: SEED.spendToken, organizationId: SEED.organizationId }],
		syncTokens: [{ name: SEED.syncTokenName, value: SEED.syncTokenValue, userId: SEED.userId, organizationId: SEED.organizationId }],
		mfaDevices: [{ rememberMeId: SEED.rememberMeId, device: SEED.device }],
		oauthApps: [{ clientId: SEED.oauthClientId, clientSecret: SEED.oauthClientSecret, organizationId: SEED.organizationId, createdBy: SEED.userId }],
		oauthTokenTtlMs: 60 * 60 * 1000,
		consoleUsers: [
			{
				username: SEED.consoleUsername,
				consoleApiToken: SEED.consoleApiToken,
				userId: SEED.consoleUserId,
				consoleOrganizationId: SEED.consoleOrganizationId,
				organizationIds: [SEED.clientOrganizationId, SEED.clientOrganizationId2],
			},
		],
		sessionIdleMs: 35 * 60 * 1000,
		syncSessionIdleMs: 48 * 60 * 60 * 1000,
		maxConcurrentPerOrg: 3,
		hourlyCap: 20000,
		loginHourlyCap: 200,
		spendPerMinute: 60,
		latencyMs: 0,
		productionRules: false,
		limitErrorStatus: 400,
		includeArchivedByDefault: true,
		maxUploadBytes: 6 * 1024 * 1024,
		httpsOnlyWebhooks: false,
		// "A few minutes" in all: one minute uploading, two minutes in BILL's IVA processing.
		documentProcessing: { inProgressMs: 60_000, ivaProcessingMs: 120_000, neverFinish: false },
		exchangeRateBatchMs: 20 * 60_000,
		massPaymentProcessingMs: 30_000,
	};
}
