import { byId, startBill } from './support/bill';
test('dbg', async () => {
	const t = await startBill();
	const bodies: unknown[] = [];
	t.emu.addHandler({ method: 'PATCH', path: '/v3/invoices/{invoiceId}', handle: (req: any) => { bodies.push(req.body); return { body: {} }; } });
	await t.runOp('invoice', 'update', { invoiceId: byId('00e01ABCDEFGHIJKLMN'), updateFields: { invoiceLineItems: { values: [{ id: '00f01ABCDEFGHIJKL', quantity: 3 }] } } });
	const r = await t.runOp('customer', 'create', { name: 'No Email' });
	process.stdout.write('BODIES ' + JSON.stringify(bodies) + ' ERR ' + r.error?.message + '\n');
	const r2 = await t.runOp('invoice', 'get', { invoiceId: byId('0cu01ABCDEFGHIJ1234') });
	process.stdout.write('ERR2 ' + r2.error?.message + ' | ' + r2.error?.description + '\n');
	await t.stop();
});
