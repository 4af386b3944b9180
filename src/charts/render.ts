/**
 * Renders Vega-Lite specifications to SVG in Node, without a browser or a canvas: Vega-Lite
 * compiles the declarative spec to Vega, and Vega's headless view serialises the scene to SVG.
 * Every chart of the package goes through here. Vega and Vega-Lite are imported on the first
 * render, not with the package: a user of the market alone never pays their start-up (issue 11).
 */
import type { TopLevelSpec } from 'vega-lite';

/** A Vega-Lite specification (re-exported so callers need not depend on vega-lite's types). @category experiments */
export type VegaLiteSpec = TopLevelSpec;

/**
 * Renders a Vega-Lite spec (data inline) to an SVG document.
 *
 * @example
 * ```ts
 * const svg = await renderVegaLiteSvg({
 *   data: { values: [{ x: 1, y: 2 }, { x: 2, y: 3 }] },
 *   mark: 'line',
 *   encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' } },
 * });
 * svg.startsWith('<svg'); // true
 * ```
 * @category experiments
 */
export async function renderVegaLiteSvg(spec: VegaLiteSpec): Promise<string> {
  const [{ parse, View }, { compile }] = await Promise.all([import('vega'), import('vega-lite')]);
  const view = new View(parse(compile(spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
