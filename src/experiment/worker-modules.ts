/**
 * The modules a worker thread imports before its first job. A worker starts with empty registries;
 * the composition root (`builtins.ts`, which registers the built-in mechanisms and policies) names
 * itself here, so that the experiment layer runs whatever was composed without importing the
 * composition (issue 11: layers that point one way). Plug-ins are added per sweep.
 */
const modules: string[] = [];

/** Names a module (by URL) that every worker thread imports before its first job. */
export function registerWorkerModule(url: string): void {
  if (!modules.includes(url)) modules.push(url);
}

/** The modules every worker thread imports, in registration order. */
export function workerModules(): readonly string[] {
  return modules;
}
