/**
 * The files of `doubledutch reproduce`: one SVG and one CSV per figure, `claims.csv`
 * (claim,paper,measured,verdict) and a self-contained `report.html` that sets each figure beside
 * what the paper states.
 */
import { renderVegaLiteSvg } from '../../charts/render.js';
import { toCsv } from '../csv.js';
import { escapeHtml } from '../html-report.js';
import type { Claim, FigureOutput } from './figure.js';
import { PENDING_FIGURES } from './figures.js';

/** What a reproduction ran and found. */
export interface ReproduceResult {
  readonly quick: boolean;
  readonly seeds: number;
  /** Runs of the paper's model (baselines and learners, each point and seed once). */
  readonly runs: number;
  /** Training episodes of T2DRL and PPO together (0 when none were trained). */
  readonly trainingEpisodes: number;
  /** The saved weights the learners were loaded from, when they were not trained. */
  readonly weights?: string;
  readonly seconds: number;
  readonly figures: readonly FigureOutput[];
}

/** The CSV of the claims: columns `claim,paper,measured,verdict`, the claim named by its id (report.html has its words). */
export function claimsCsv(figures: readonly FigureOutput[]): string {
  const rows = figures.flatMap((f) =>
    f.claims.map((c) => ({
      claim: c.id,
      paper: c.paper,
      measured: c.measured,
      verdict: c.verdict,
    })),
  );
  return toCsv(['claim', 'paper', 'measured', 'verdict'], rows);
}

const COLOURS: Record<Claim['verdict'], string> = {
  reproduced: '#1a7f37',
  partly: '#9a6700',
  'not reproduced': '#cf222e',
};

function stripProlog(svg: string): string {
  return svg.replace(/^\s*<\?xml[^>]*>\s*/, '').replace(/^\s*<!DOCTYPE[^>]*>\s*/, '');
}

function claimRows(claims: readonly Claim[]): string {
  return claims
    .map(
      (c) =>
        `<tr><td><code>${escapeHtml(c.id)}</code><br>${escapeHtml(c.claim)}</td><td>${escapeHtml(c.paper)}</td><td>${c.measured}</td><td style="color:${COLOURS[c.verdict]};font-weight:600">${c.verdict}</td></tr>`,
    )
    .join('\n');
}

/** The report page (no scripts, no external resources). */
export function reproduceHtml(result: ReproduceResult, svgs: Readonly<Record<string, string>>): string {
  const all = result.figures.flatMap((f) => f.claims);
  const count = (v: Claim['verdict']) => all.filter((c) => c.verdict === v).length;
  const sections = result.figures
    .map(
      (f) => `<section>
<h2>${escapeHtml(f.title)}</h2>
<div class="pair">
<figure>${stripProlog(svgs[f.id] ?? '')}<figcaption>${escapeHtml(f.method)} Data: <code>${f.id}.csv</code>.</figcaption></figure>
<div class="paper"><h3>What the paper states</h3><p>${escapeHtml(f.paperSays)}</p>
<table><thead><tr><th>claim</th><th>paper</th><th>measured</th><th>verdict</th></tr></thead><tbody>
${claimRows(f.claims)}
</tbody></table></div>
</div>
</section>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>doubledutch reproduce: Xu, Niyato &amp; Brinton (IEEE ToN 2026)</title>
<style>
body{font-family:system-ui,sans-serif;max-width:1200px;margin:2em auto;padding:0 1em;color:#1f2328}
.pair{display:flex;gap:2em;flex-wrap:wrap;align-items:flex-start}.pair figure{margin:0;flex:0 0 auto}
.paper{flex:1 1 380px}table{border-collapse:collapse;font-size:.9em}td,th{border:1px solid #d0d7de;padding:.3em .5em;vertical-align:top;text-align:left}
figcaption{font-size:.85em;color:#57606a;max-width:520px}code{font-size:.9em}
</style></head><body>
<h1>Reproducing Xu, Niyato &amp; Brinton, "Serving Long-Context LLMs at the Mobile Edge" (IEEE ToN 2026, arXiv 2501.14205)</h1>
<p>${result.quick ? 'Quick run' : 'Full run'}: ${result.seeds} seeds per point, ${result.runs} runs of 100 steps on the paper's model (<code>kind: 'paper'</code>)${result.trainingEpisodes > 0 ? ` and ${result.trainingEpisodes} training episodes of T2DRL and PPO` : ''}${result.weights === undefined ? '' : `, T2DRL and PPO loaded from saved weights (<code>${escapeHtml(result.weights)}</code>)`} in ${result.seconds.toFixed(1)} s.
Claims: ${count('reproduced')} reproduced, ${count('partly')} partly, ${count('not reproduced')} not reproduced (<code>claims.csv</code>).
The model, the values the paper does not give and every decision on its gaps are in <code>docs/paper.md</code>.</p>
${sections}
<section><h2>Not yet drawn by this command</h2><ul>
${PENDING_FIGURES.map((p) => `<li><strong>${escapeHtml(p.id)}</strong>: ${escapeHtml(p.what)}</li>`).join('\n')}
</ul></section>
</body></html>
`;
}

/** Every file of a reproduction, by name, ready for an all-or-nothing write. */
export async function reproduceFiles(result: ReproduceResult): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  const svgs: Record<string, string> = {};
  for (const f of result.figures) {
    svgs[f.id] = await renderVegaLiteSvg(f.spec);
    files[`${f.id}.svg`] = svgs[f.id] as string;
    files[`${f.id}.csv`] = toCsv(Object.keys(f.rows[0] ?? {}), f.rows);
  }
  files['claims.csv'] = claimsCsv(result.figures);
  files['report.html'] = reproduceHtml(result, svgs);
  return files;
}
