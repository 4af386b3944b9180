// Review finding (ttt item 3): the float32 concatenation feeding PPO's tensors was written in
// ppo.ts, ttt/ppo.ts (twice: floats and bits), ttt/warm-start.ts and ttt/ttt-linear.ts. One helper
// (policies/t2drl/arrays.ts) now serves them all.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { concat } from '../../policies/t2drl/arrays.js';

const root = fileURLToPath(new URL('../../policies/t2drl/', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

describe('concat (policies/t2drl/arrays.ts)', () => {
  it('puts float and bit arrays end to end as float32', () => {
    const out = concat([Float32Array.of(0.5, -1), Uint8Array.of(1, 0, 1), new Float32Array(0), [2.25]]);
    expect(out).toBeInstanceOf(Float32Array);
    expect(Array.from(out)).toEqual([0.5, -1, 1, 0, 1, 2.25]);
    expect(concat([]).length).toBe(0);
  });

  it('is the only array-concatenating helper under policies/t2drl', () => {
    const copies = sources(root)
      .filter((file) => !file.endsWith('arrays.ts'))
      .filter((file) => /function\s+(concat\w*|flat)\s*\(/.test(readFileSync(file, 'utf8')))
      .map((file) => relative(root, file));
    expect(copies).toEqual([]);
  });
});
