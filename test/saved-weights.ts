// Weights as `doubledutch train --out` writes them, for the --weights tests: an untrained
// actor–critic recorded as trained on another scenario ('elsewhere'), so that a run that loads it
// says so in one line. Apart from test/helpers.ts because it loads TensorFlow.js.
import { initTensorflow } from '../policies/t2drl/backend.js';
import { createActorCritic, disposeActorCritic } from '../policies/t2drl/ttt/actor-critic.js';
import { type ActorCriticKind, paperNetworkConfig } from '../policies/t2drl/ttt/index.js';
import { saveActorCritic } from '../policies/t2drl/ttt/weights.js';

/** Saves an untrained `kind` network of `entryFeatures` features per entry to `dir`, trained on 'elsewhere'. */
export async function saveWeightsTrainedElsewhere(
  dir: string,
  kind: ActorCriticKind,
  environment: 'physical' | 'paper',
  entryFeatures: number,
  seed: number,
): Promise<void> {
  await initTensorflow({ quiet: true });
  const net = createActorCritic(paperNetworkConfig(kind, entryFeatures), seed);
  saveActorCritic(net, dir, {
    policy: kind,
    environment,
    scenarioHash: 'not-this-scenario',
    scenarioName: 'elsewhere',
    seed,
    episodes: 0,
    backend: 'test',
    trainedAt: '2026-11-29T00:00:00Z',
  });
  disposeActorCritic(net);
}
