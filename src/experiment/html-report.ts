/**
 * One self-contained HTML report: inline SVG charts and tables, no scripts, no external
 * resources, so it opens from a file, survives e-mail and can be archived with a paper.
 */

/** A chart in the report. @category experiments */
export interface ReportChart {
  readonly title: string;
  /** The chart as an SVG document or fragment. */
  readonly svg: string;
  readonly caption?: string;
}

/** A table in the report. @category experiments */
export interface ReportTable {
  readonly title: string;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly (string | number)[])[];
  readonly caption?: string;
}

/** The report's content. @category experiments */
export interface ReportContent {
  readonly title: string;
  /** Lines shown under the title (scenario, seeds, versions). */
  readonly meta: readonly string[];
  readonly charts: readonly ReportChart[];
  readonly tables: readonly ReportTable[];
}

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function stripXmlProlog(svg: string): string {
  return svg.replace(/^\s*<\?xml[^>]*>\s*/, '').replace(/^\s*<!DOCTYPE[^>]*>\s*/, '');
}

/**
 * Renders the report as one HTML document.
 *
 * @category experiments
 */
export function renderHtmlReport(content: ReportContent): string {
  const charts = content.charts
    .map(
      (c) => `<figure class="chart">
<figcaption><strong>${escapeHtml(c.title)}</strong>${c.caption === undefined ? '' : ` ${escapeHtml(c.caption)}`}</figcaption>
${stripXmlProlog(c.svg)}
</figure>`,
    )
    .join('\n');
  const tables = content.tables
    .map(
      (t) => `<section class="table">
<h2>${escapeHtml(t.title)}</h2>${t.caption === undefined ? '' : `\n<p>${escapeHtml(t.caption)}</p>`}
<div class="scroll"><table>
<thead><tr>${t.columns.map((c) => `<th>${escapeHtml(c)}</th>`).join('')}</tr></thead>
<tbody>
${t.rows.map((r) => `<tr>${r.map((v) => `<td>${escapeHtml(String(v))}</td>`).join('')}</tr>`).join('\n')}
</tbody>
</table></div>
</section>`,
    )
    .join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(content.title)}</title>
<style>
body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 1100px; color: #222; }
h1 { margin-bottom: 0.2rem; } .meta { color: #555; font-size: 0.9rem; }
.charts { display: flex; flex-wrap: wrap; gap: 1.5rem; }
figure.chart { margin: 0; } figure.chart svg { max-width: 100%; height: auto; }
figcaption { font-size: 0.9rem; margin-bottom: 0.3rem; }
.scroll { max-width: 100%; overflow-x: auto; margin-bottom: 1.5rem; }
table { border-collapse: collapse; font-size: 0.8rem; font-variant-numeric: tabular-nums; }
th, td { border: 1px solid #ccc; padding: 0.2rem 0.4rem; text-align: right; }
th { font-weight: 600; vertical-align: bottom; }
td { white-space: nowrap; }
th:first-child, td:first-child { text-align: left; }
thead { background: #f3f3f3; }
</style>
</head>
<body>
<h1>${escapeHtml(content.title)}</h1>
<div class="meta">${content.meta.map((m) => `<div>${escapeHtml(m)}</div>`).join('')}</div>
<div class="charts">
${charts}
</div>
${tables}
</body>
</html>
`;
}
