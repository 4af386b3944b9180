/**
 * Real traces: parsers for the Mooncake conversation trace (JSONL) and the Azure LLM inference
 * traces (CSV), and the reconstruction of multi-round sessions from Mooncake's prefix hashes.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ScenarioError } from '../scenario.js';
import { BUILT_IN_TRACES } from './built-in-traces.js';
import type { TraceRecord } from './request.js';

export { BUILT_IN_TRACES } from './built-in-traces.js';

/** The directory of the shipped traces, found from this module whether it runs from src/ or dist/. */
export function builtInTraceDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let up = 0; up < 6; up++) {
    const candidate = join(dir, 'src', 'edge', 'traces', 'data');
    if (existsSync(join(dir, 'package.json')) && existsSync(candidate)) return candidate;
    dir = dirname(dir);
  }
  throw new ScenarioError(
    'missing_traces',
    'the built-in traces are not installed with the package',
    'workload.source',
  );
}

/** The file behind a trace source: a built-in name or a path. */
export function resolveTraceSource(source: string): string {
  const builtIn = (BUILT_IN_TRACES as Record<string, string>)[source];
  if (builtIn !== undefined) return join(builtInTraceDir(), builtIn);
  if (!existsSync(source)) {
    throw new ScenarioError(
      'missing_trace',
      `workload.source: no such trace file '${source}' (built-in traces: ${Object.keys(BUILT_IN_TRACES).join(', ')})`,
      'workload.source',
    );
  }
  return source;
}

interface TrieNode {
  children: Map<number, TrieNode>;
  /** The latest request whose blocks pass through this node. */
  session?: number;
  round?: number;
}

/** Tokens per Mooncake prefix block. */
export const MOONCAKE_BLOCK_TOKENS = 512;

/**
 * Parses the Mooncake trace. Every request shares its first block (the system prompt); a request
 * that shares at least two leading prefix blocks (`hash_ids`) with an earlier request continues
 * that request's conversation: the shared blocks are its context (512 tokens each) and only the
 * tokens beyond them are new. This recovers the trace's multi-round sessions (4,658 of its 12,031
 * requests continue one).
 *
 * @category edge
 */
export function parseMooncake(text: string, path = 'trace'): TraceRecord[] {
  const root: TrieNode = { children: new Map() };
  const records: TraceRecord[] = [];
  let sessions = 0;
  const lines = text.split('\n');
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n]?.trim();
    if (!line) continue;
    let row: { timestamp?: unknown; input_length?: unknown; output_length?: unknown; hash_ids?: unknown };
    try {
      row = JSON.parse(line);
    } catch {
      throw new ScenarioError(
        'malformed_trace',
        `${path} line ${n + 1} is not valid JSON`,
        'workload.source',
      );
    }
    const { timestamp, input_length: input, output_length: output, hash_ids: blocks } = row;
    if (
      typeof timestamp !== 'number' ||
      typeof input !== 'number' ||
      typeof output !== 'number' ||
      !Array.isArray(blocks)
    ) {
      throw new ScenarioError(
        'malformed_trace',
        `${path} line ${n + 1} needs numeric timestamp, input_length, output_length and a hash_ids array`,
        'workload.source',
      );
    }
    // Walk the blocks: the deepest node already seen holds the latest request continued.
    let node = root;
    let matched = 0;
    let parent: TrieNode | undefined;
    const path_: TrieNode[] = [];
    for (const key of blocks as number[]) {
      let child = node.children.get(key);
      if (child === undefined) {
        child = { children: new Map() };
        node.children.set(key, child);
      } else if (matched === path_.length) {
        matched++;
        parent = child;
      }
      node = child;
      path_.push(child);
    }
    let session: number;
    let round: number;
    let prompt = input;
    if (matched >= 2 && parent?.session !== undefined) {
      session = parent.session;
      round = (parent.round ?? 1) + 1;
      prompt = Math.max(1, input - matched * MOONCAKE_BLOCK_TOKENS);
    } else {
      session = sessions++;
      round = 1;
    }
    for (const visited of path_) {
      visited.session = session;
      visited.round = round;
    }
    records.push({
      arrivalS: timestamp / 1000,
      promptTokens: prompt,
      outputTokens: Math.max(1, output),
      session,
      round,
    });
  }
  return records;
}

/**
 * Parses an Azure LLM inference trace (`arrived_at,num_prefill_tokens,num_decode_tokens`). The
 * trace carries no conversation ids, so each request is a session of one round.
 *
 * @category edge
 */
export function parseAzure(text: string, path = 'trace'): TraceRecord[] {
  const lines = text.split('\n');
  const header = lines[0]?.trim();
  if (header !== 'arrived_at,num_prefill_tokens,num_decode_tokens') {
    throw new ScenarioError(
      'malformed_trace',
      `${path} must start with 'arrived_at,num_prefill_tokens,num_decode_tokens'`,
      'workload.source',
    );
  }
  const records: TraceRecord[] = [];
  for (let n = 1; n < lines.length; n++) {
    const line = lines[n]?.trim();
    if (!line) continue;
    const [a, p, d] = line.split(',').map(Number);
    if (!Number.isFinite(a) || !Number.isFinite(p) || !Number.isFinite(d)) {
      throw new ScenarioError(
        'malformed_trace',
        `${path} line ${n + 1} is not three numbers`,
        'workload.source',
      );
    }
    records.push({
      arrivalS: a as number,
      promptTokens: Math.max(1, p as number),
      outputTokens: Math.max(1, d as number),
      session: records.length,
      round: 1,
    });
  }
  return records;
}

/** Reads and parses a trace file. */
export function readTrace(format: 'mooncake' | 'azure', source: string): TraceRecord[] {
  const path = resolveTraceSource(source);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ScenarioError(
      'unreadable_trace',
      `workload.source: cannot read trace '${source}': ${(error as Error).message}`,
      'workload.source',
    );
  }
  let records: TraceRecord[];
  try {
    records = format === 'mooncake' ? parseMooncake(text, 'the file') : parseAzure(text, 'the file');
  } catch (error) {
    // Name the scenario fields, not only the file: a wrong format is the likelier mistake.
    if (error instanceof ScenarioError)
      throw new ScenarioError(
        error.code,
        `workload.source '${source}' is not a valid ${format} trace (see workload.format): ${error.message}`,
        'workload.source',
      );
    throw error;
  }
  if (records.length === 0)
    throw new ScenarioError(
      'empty_trace',
      `workload.source '${source}' holds no requests`,
      'workload.source',
    );
  return records;
}
