/**
 * Order of the end-to-end files over jest's workers: the files that mostly wait on clocks start
 * first (the polling trigger waits for n8n's Every Minute schedule about three minutes), so the
 * other worker runs the rest meanwhile; then jest's own order (slowest first when it has timings,
 * else largest file first).
 */
'use strict';
const Sequencer = require('@jest/test-sequencer').default;

const FIRST = ['poll-trigger.test.ts'];

class E2eSequencer extends Sequencer {
	async sort(tests) {
		const sorted = await super.sort(tests);
		const rank = (test) => {
			const i = FIRST.findIndex((name) => test.path.endsWith(`/${name}`));
			return i < 0 ? FIRST.length : i;
		};
		return [...sorted].sort((a, b) => rank(a) - rank(b));
	}
}

module.exports = E2eSequencer;
