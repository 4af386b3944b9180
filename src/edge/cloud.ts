/**
 * The cloud: every model, reached over the backhaul; billed per token like hosted LLM APIs, which
 * bill the whole prompt (history included) on every round.
 */

/** What the cloud model needs. */
export interface CloudLink {
  readonly rttS: number;
  readonly backhaulBandwidthBps: number;
  readonly tokensPerS: number;
  readonly prefillTokensPerS: number;
  readonly inputPriceUsdPer1kTokens: number;
  readonly outputPriceUsdPer1kTokens: number;
}

/**
 * Cloud service time = RTT + (request + response bytes)·8 / backhaul bandwidth + prefill + decode.
 *
 * @example
 * ```ts
 * cloudLatencyS({ rttS: 0.05, backhaulBandwidthBps: 1e9, prefillTokensPerS: 1e4, tokensPerS: 100, ... }, 1000, 1000, 2000, 100);
 * // 0.05 + 16000/1e9 + 2000/1e4 + 100/100 = 1.250016
 * ```
 * @category edge
 */
export function cloudLatencyS(
  cloud: CloudLink,
  requestBytes: number,
  responseBytes: number,
  promptTokens: number,
  outputTokens: number,
): number {
  return (
    cloud.rttS +
    (8 * (requestBytes + responseBytes)) / cloud.backhaulBandwidthBps +
    promptTokens / cloud.prefillTokensPerS +
    outputTokens / cloud.tokensPerS
  );
}

/**
 * Cloud charge in USD: prompt tokens (the whole context) and output tokens at their prices per 1,000.
 *
 * @category edge
 */
export function cloudPriceUsd(cloud: CloudLink, promptTokens: number, outputTokens: number): number {
  return (
    (promptTokens * cloud.inputPriceUsdPer1kTokens + outputTokens * cloud.outputPriceUsdPer1kTokens) / 1000
  );
}
