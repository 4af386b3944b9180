// A sweep job's weights tag names the bytes of every file a learner loads, the online network's
// layer files in actor/ and critic/ included, so that a retraining into the same directory is
// never taken for the finished jobs of the last one.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { weightsTag } from '../../src/experiment/weights-tag.js';

/** A directory shaped as `train --policy t2drl-online` writes it, with `actorBytes` as its actor's weights. */
function onlineWeights(actorBytes: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'dd-tag-'));
  writeFileSync(join(dir, 'meta.json'), JSON.stringify({ seed: 1, episodes: 2 }));
  for (const part of ['actor', 'critic']) {
    mkdirSync(join(dir, part));
    writeFileSync(join(dir, part, 'model.json'), '{}');
    writeFileSync(join(dir, part, 'weights.bin'), part === 'actor' ? actorBytes : 'critic');
  }
  return dir;
}

describe('weightsTag', () => {
  it("differs when only the online network's layer files differ, and is stable for the same bytes", () => {
    const a = weightsTag('t2drl-online', onlineWeights('one'));
    const b = weightsTag('t2drl-online', onlineWeights('two'));
    const again = weightsTag('t2drl-online', onlineWeights('one'));
    expect(a).toMatch(/^[0-9a-f]{10}$/);
    expect(b).not.toBe(a);
    expect(again).toBe(a);
  });

  it('is undefined for a policy that loads no weights from the directory, or without one', () => {
    expect(weightsTag('lru', onlineWeights('one'))).toBeUndefined();
    expect(weightsTag('t2drl', onlineWeights('one'))).toBeUndefined();
    expect(weightsTag('t2drl-online', undefined)).toBeUndefined();
  });
});
