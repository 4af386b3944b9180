// Review finding (ttt item 2): the warm start's recorder called the teacher's `observe` and dropped
// its promise, so a learning teacher's update could still be running (or fail unheard) after
// collectTeacherEpisodes returned. The recorder now returns it, and the episode awaits it.
import { describe, expect, it } from 'vitest';
import { lru } from '../../policies/lru.js';
import { collectTeacherEpisodes } from '../../policies/t2drl/ttt/warm-start.js';
import { defaultScenario, type Policy, parseScenario } from '../../src/index.js';

const scenario = () => parseScenario({ ...defaultScenario(), name: 'warm start', durationS: 300, slotS: 60 });

describe('the warm start awaits its teacher', () => {
  it('every teacher observe has finished when collectTeacherEpisodes returns', async () => {
    const s = scenario();
    const base = lru.create({ scenario: s, seed: 1 }) as Policy;
    let started = 0;
    let finished = 0;
    const teacher: Policy = {
      name: 'slow learner',
      decide: (observation, context) => base.decide(observation, context),
      observe: async () => {
        started++;
        await new Promise((resolve) => setTimeout(resolve, 5));
        finished++;
      },
    };
    const { episodes } = await collectTeacherEpisodes(s, teacher, [7]);
    expect(started).toBe(episodes[0]?.reward.length);
    expect(started).toBeGreaterThan(0);
    expect(finished).toBe(started);
  });

  it("a teacher's failing observe fails the collection", async () => {
    const s = scenario();
    const base = lru.create({ scenario: s, seed: 1 }) as Policy;
    const teacher: Policy = {
      name: 'failing learner',
      decide: (observation, context) => base.decide(observation, context),
      observe: async () => {
        await Promise.resolve();
        throw new Error('teacher update failed');
      },
    };
    await expect(collectTeacherEpisodes(s, teacher, [7])).rejects.toThrow('teacher update failed');
  });
});
