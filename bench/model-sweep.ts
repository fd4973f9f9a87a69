/**
 * Many runs of the limiter model (bench/limiter-model.ts) at once, per tuning: each argument is a
 * JSON of ADAPTIVE overrides ('{}' = as shipped). Prints refusals (all, p90, max, runs above 5 %)
 * and time ÷ BILL's limit (median, p90, max, runs above 1.5×); SHOW=1 lists the times per split.
 *
 *   P=4 HINT=4 RUNS=60 SPLIT=round node scripts/run-ts.js bench/model-sweep.ts '{}' '{"crowdedLatencies":1e9}'
 *
 * P processes (default 4), HINT the credential's setting (default P), SPLIT=round gives executions
 * in turn (2,2,1,1 for 4: what n8n's queue did in every measured run), otherwise each to a random process.
 */
import { ADAPTIVE } from '../nodes/Bill/transport/limiter';
import { modelRun, type ModelFigures } from './limiter-model';
const base = { ...ADAPTIVE };
const runs = Number(process.env.RUNS ?? 40), P = Number(process.env.P ?? 4), hint = Number(process.env.HINT ?? P);
const split = process.env.SPLIT !== 'round';
void (async () => {
	for (const cfg of process.argv.slice(2)) {
		Object.assign(ADAPTIVE, base, JSON.parse(cfg));
		const all: ModelFigures[] = [];
		for (let b = 0; b < runs; b += 20) all.push(...(await Promise.all(Array.from({ length: Math.min(20, runs - b) }, () => modelRun(P, 100, { startSpreadMs: 200, hint, randomSplit: split })))));
		const sh = all.map((f) => (100 * f.refused) / f.requests).sort((a, b) => a - b);
		const t = all.map((f) => f.timeOverLimit).sort((a, b) => a - b);
		const q = (a: number[], p: number) => a[Math.min(a.length - 1, Math.floor(p * a.length))];
		const tot = (100 * all.reduce((s, f) => s + f.refused, 0)) / all.reduce((s, f) => s + f.requests, 0);
		if (process.env.SHOW) { const by = new Map<string, number[]>(); for (const f of all) by.set(f.split, [...(by.get(f.split) ?? []), f.timeOverLimit]); for (const [k, v] of [...by].sort()) console.log(`  ${k}: ${v.sort((a, b) => a - b).map((x) => x.toFixed(2)).join(' ')}`); }
		console.log(`P=${P} hint=${hint} ${cfg}: refused ${tot.toFixed(1)}% (p90 ${q(sh, 0.9).toFixed(1)} max ${sh[sh.length - 1].toFixed(1)}, >5%: ${sh.filter((x) => x > 5).length}/${runs}) time med ${q(t, 0.5).toFixed(2)} p90 ${q(t, 0.9).toFixed(2)} max ${t[t.length - 1].toFixed(2)} (>1.5: ${t.filter((x) => x > 1.5).length}/${runs})`);
	}
})();
