/**
 * The default LLM catalogue: small open models with their public architecture figures (from each
 * model's `config.json` on its Hugging Face model card). Quantisation: fp16 weights (2 bytes per
 * parameter) up to 4B parameters, int8 (1 byte) above, fp16 KV cache. The accuracy curves are
 * modelling assumptions, not measurements: larger models start and saturate higher, and models with
 * long windows learn more slowly per example (docs/edge-model.md).
 */
import type { ModelSpec } from './scenario-schema.js';

/** The default catalogue (8 models, 1.2B to 8B parameters, 4k to 128k windows). @category edge */
export function defaultCatalogue(): ModelSpec[] {
  return [
    {
      id: 'llama-3.2-1b',
      parametersB: 1.24,
      bytesPerParameter: 2,
      layers: 16,
      kvHeads: 8,
      headDim: 64,
      kvBytesPerValue: 2,
      contextWindowTokens: 131072,
      accuracy: { zeroShot: 0.35, max: 0.62, rate: 0.08 },
      source: 'meta-llama/Llama-3.2-1B config.json',
    },
    {
      id: 'qwen2.5-1.5b',
      parametersB: 1.54,
      bytesPerParameter: 2,
      layers: 28,
      kvHeads: 2,
      headDim: 128,
      kvBytesPerValue: 2,
      contextWindowTokens: 32768,
      accuracy: { zeroShot: 0.4, max: 0.66, rate: 0.1 },
      source: 'Qwen/Qwen2.5-1.5B config.json',
    },
    {
      id: 'gemma-2-2b',
      parametersB: 2.61,
      bytesPerParameter: 2,
      layers: 26,
      kvHeads: 4,
      headDim: 256,
      kvBytesPerValue: 2,
      contextWindowTokens: 8192,
      accuracy: { zeroShot: 0.45, max: 0.7, rate: 0.15 },
      source: 'google/gemma-2-2b config.json',
    },
    {
      id: 'llama-3.2-3b',
      parametersB: 3.21,
      bytesPerParameter: 2,
      layers: 28,
      kvHeads: 8,
      headDim: 128,
      kvBytesPerValue: 2,
      contextWindowTokens: 131072,
      accuracy: { zeroShot: 0.48, max: 0.74, rate: 0.08 },
      source: 'meta-llama/Llama-3.2-3B config.json',
    },
    {
      id: 'phi-3-mini-4k',
      parametersB: 3.82,
      bytesPerParameter: 2,
      layers: 32,
      kvHeads: 32,
      headDim: 96,
      kvBytesPerValue: 2,
      contextWindowTokens: 4096,
      accuracy: { zeroShot: 0.52, max: 0.74, rate: 0.2 },
      source: 'microsoft/Phi-3-mini-4k-instruct config.json',
    },
    {
      id: 'mistral-7b-v0.3',
      parametersB: 7.25,
      bytesPerParameter: 1,
      layers: 32,
      kvHeads: 8,
      headDim: 128,
      kvBytesPerValue: 2,
      contextWindowTokens: 32768,
      accuracy: { zeroShot: 0.55, max: 0.8, rate: 0.1 },
      source: 'mistralai/Mistral-7B-v0.3 config.json',
    },
    {
      id: 'qwen2.5-7b',
      parametersB: 7.62,
      bytesPerParameter: 1,
      layers: 28,
      kvHeads: 4,
      headDim: 128,
      kvBytesPerValue: 2,
      contextWindowTokens: 32768,
      accuracy: { zeroShot: 0.6, max: 0.84, rate: 0.1 },
      source: 'Qwen/Qwen2.5-7B config.json',
    },
    {
      id: 'llama-3.1-8b',
      parametersB: 8.03,
      bytesPerParameter: 1,
      layers: 32,
      kvHeads: 8,
      headDim: 128,
      kvBytesPerValue: 2,
      contextWindowTokens: 131072,
      accuracy: { zeroShot: 0.58, max: 0.86, rate: 0.07 },
      source: 'meta-llama/Llama-3.1-8B config.json',
    },
  ];
}
