/**
 * Issue 20 #11: a custom Base URL over plain http:// to another machine gets a warning in the
 * credential form (where the credential is tested); https:// and http:// to this machine do not.
 * The warning's visibility is decided by n8n's own displayOptions evaluation.
 */
import { NodeHelpers, type INode, type INodeProperties, type INodeTypeDescription } from 'n8n-workflow';

import { BillApi } from '../../credentials/BillApi.credentials';
import { BillPartnerApi } from '../../credentials/BillPartnerApi.credentials';
import { BillSpendApi } from '../../credentials/BillSpendApi.credentials';
import { isPlainHttpRemote } from '../../nodes/Bill/transport/environment';

const credentials = [new BillApi(), new BillPartnerApi(), new BillSpendApi()];

const warningShown = (properties: INodeProperties[], environment: string, baseUrl: string) => {
	const warning = properties.find((p) => p.name === 'plainHttpWarning');
	expect(warning?.type).toBe('notice');
	return NodeHelpers.displayParameter({ environment, baseUrl }, warning!, { typeVersion: 1 } as INode, { properties } as INodeTypeDescription);
};

const REMOTE_HTTP = ['http://bill-proxy.internal', 'http://10.0.0.5:8080', 'HTTP://gateway.example.com/', ' http://192.168.1.10', 'http://127.evil.example', 'http://localhost.evil.example'];
const FINE = ['https://gateway.prod.bill.com', 'https://proxy.example.com:8443', 'http://localhost', 'http://localhost:4010', 'http://127.0.0.1:4010/', 'http://[::1]:4010'];

describe.each(credentials.map((c) => [c.name, c] as const))('%s', (_name, credential) => {
	test.each(REMOTE_HTTP)('custom %j → warning', (url) => {
		expect(warningShown(credential.properties, 'custom', url)).toBe(true);
	});
	test.each(FINE)('custom %j → no warning', (url) => {
		expect(warningShown(credential.properties, 'custom', url)).toBe(false);
	});
	test('sandbox and production never warn', () => {
		expect(warningShown(credential.properties, 'sandbox', 'http://bill-proxy.internal')).toBe(false);
		expect(warningShown(credential.properties, 'production', 'http://bill-proxy.internal')).toBe(false);
	});
});

test('isPlainHttpRemote agrees with the form', () => {
	for (const url of REMOTE_HTTP) expect(isPlainHttpRemote(url)).toBe(true);
	for (const url of FINE) expect(isPlainHttpRemote(url)).toBe(false);
});
