// Each equation of DESIGN.md §4 against a hand computation.
import { describe, expect, it } from 'vitest';
import {
  accuracy,
  cloudLatencyS,
  cloudPriceUsd,
  decodeTimeS,
  dynamicEnergyJ,
  effectiveExamples,
  kvCacheBytes,
  modelLoadTimeS,
  NOISE_W_PER_HZ,
  pathGain,
  powerW,
  prefillTimeS,
  radioEnergyJ,
  shannonRateBps,
  transmissionTimeS,
  weightBytes,
} from '../../src/index.js';

describe('radio', () => {
  it('noise is −174 dBm/Hz = 10^−20.4 W/Hz', () => {
    expect(NOISE_W_PER_HZ).toBeCloseTo(10 ** -20.4, 30);
  });
  it('3GPP path loss: 128.1 dB at 1 km, 37.6 dB more per decade', () => {
    expect(pathGain(1000)).toBeCloseTo(10 ** -12.81, 25);
    expect(pathGain(100) / pathGain(1000)).toBeCloseTo(10 ** 3.76, 6);
  });
  it('Shannon: B·log2(1 + p·g/(N0·B)); with SNR 255 a 1 MHz channel carries 8 Mbit/s', () => {
    const gain = (255 * NOISE_W_PER_HZ * 1e6) / 1; // makes p·g/(N0·B) = 255 for p = 1 W
    expect(shannonRateBps(1e6, 1, gain)).toBeCloseTo(8e6, 3);
  });
  it('transmission time: 1 MB at 8 Mbit/s is 1 s', () => {
    expect(transmissionTimeS(1e6, 8e6)).toBe(1);
  });
});

describe('compute', () => {
  const llama8b = {
    parametersB: 8.03,
    bytesPerParameter: 1,
    layers: 32,
    kvHeads: 8,
    headDim: 128,
    kvBytesPerValue: 2,
  };
  it('weights: 8.03e9 parameters at 1 byte', () => {
    expect(weightBytes(llama8b)).toBeCloseTo(8.03e9, 0);
  });
  it('KV cache: 2·32·8·128·2 = 131,072 bytes per token', () => {
    expect(kvCacheBytes(llama8b, 1)).toBe(131072);
    expect(kvCacheBytes(llama8b, 1000)).toBe(131072000);
  });
  it('prefill: 2·8e9·1000 FLOPs at 100 TFLOP/s × 0.5 = 0.32 s', () => {
    expect(prefillTimeS(8, 1000, 100e12, 0.5)).toBeCloseTo(0.32, 12);
  });
  it('decode: 100 tokens × (8 GB + 1 GB) / 900 GB/s = 1 s', () => {
    expect(decodeTimeS(100, 8e9, 1e9, 900e9)).toBeCloseTo(1, 12);
  });
  it('model load: 8 GB at 2 GB/s = 4 s', () => {
    expect(modelLoadTimeS(8e9, 2e9)).toBe(4);
  });
});

describe('energy', () => {
  it('linear power: 50 W idle, 300 W max, half load = 175 W; clamped outside [0, 1]', () => {
    expect(powerW(50, 300, 0.5)).toBe(175);
    expect(powerW(50, 300, 2)).toBe(300);
  });
  it('dynamic energy: (300 − 50) W × 2 s = 500 J; radio: 0.2 W × 3 s = 0.6 J', () => {
    expect(dynamicEnergyJ(50, 300, 2)).toBe(500);
    expect(radioEnergyJ(0.2, 3)).toBeCloseTo(0.6, 12);
  });
});

describe('cloud', () => {
  const link = {
    rttS: 0.05,
    backhaulBandwidthBps: 1e9,
    prefillTokensPerS: 1e4,
    tokensPerS: 100,
    inputPriceUsdPer1kTokens: 0.5,
    outputPriceUsdPer1kTokens: 1.5,
  };
  it('latency: RTT + bytes·8/bandwidth + prefill + decode = 0.05 + 16e3/1e9 + 0.2 + 1', () => {
    expect(cloudLatencyS(link, 1000, 1000, 2000, 100)).toBeCloseTo(1.250016, 12);
  });
  it('price: 2000 input tokens at 0.5/1k + 100 output at 1.5/1k = 1.15 USD', () => {
    expect(cloudPriceUsd(link, 2000, 100)).toBeCloseTo(1.15, 12);
  });
});

describe('accuracy and the context window', () => {
  const curve = { zeroShot: 0.5, max: 0.9, rate: 0.1 };
  it('A(n) = A_max − (A_max − A_0)·e^(−λn): A(0) = A_0, A(10) = 0.9 − 0.4/e, A(∞) → A_max', () => {
    expect(accuracy(curve, 0)).toBe(0.5);
    expect(accuracy(curve, 10)).toBeCloseTo(0.9 - 0.4 / Math.E, 12);
    expect(accuracy(curve, 1e6)).toBeCloseTo(0.9, 12);
  });
  it('accuracy grows with examples and saturates: each example adds less', () => {
    const gains = [0, 5, 10, 20].map((n) => accuracy(curve, n + 1) - accuracy(curve, n));
    for (let i = 1; i < gains.length; i++) expect(gains[i] as number).toBeLessThan(gains[i - 1] as number);
  });
  it('effective examples: the window caps the context; age decays it (Age of Context)', () => {
    expect(effectiveExamples(10_000, 8192, 512, 0, 600)).toBe(16);
    expect(effectiveExamples(4096, 8192, 512, 0, 600)).toBe(8);
    expect(effectiveExamples(4096, 8192, 512, 600, 600)).toBeCloseTo(8 / Math.E, 12);
  });
});
