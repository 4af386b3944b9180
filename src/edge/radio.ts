/**
 * Wireless links: 3GPP path loss and the Shannon rate. Sources: 3GPP TR 36.814 (macro path loss
 * 128.1 + 37.6·log10(d/km) dB), thermal noise −174 dBm/Hz.
 */

/** Thermal noise power spectral density, −174 dBm/Hz, in W/Hz. */
export const NOISE_W_PER_HZ = 10 ** ((-174 - 30) / 10);

/**
 * Channel power gain at distance `distanceM` (3GPP TR 36.814 macro model), clamped at 1 m.
 *
 * @example
 * ```ts
 * pathGain(1000); // 10^(−12.81) ≈ 1.55e−13
 * ```
 * @category edge
 */
export function pathGain(distanceM: number): number {
  const km = Math.max(distanceM, 1) / 1000;
  const lossDb = 128.1 + 37.6 * Math.log10(km);
  return 10 ** (-lossDb / 10);
}

/**
 * Shannon rate r = B·log2(1 + p·g / (N0·B)) in bit/s, for bandwidth `bandwidthHz`, transmit power
 * `powerW` and channel gain `gain`.
 *
 * @example
 * ```ts
 * shannonRateBps(1e6, 1, 1e-12); // SNR = 1e-12 / (N0·1e6) ≈ 251, so ≈ 7.98e6 bit/s
 * ```
 * @category edge
 */
export function shannonRateBps(bandwidthHz: number, powerW: number, gain: number): number {
  const snr = (powerW * gain) / (NOISE_W_PER_HZ * bandwidthHz);
  return bandwidthHz * Math.log2(1 + snr);
}

/**
 * Time to send `bytes` at `rateBps`.
 *
 * @category edge
 */
export function transmissionTimeS(bytes: number, rateBps: number): number {
  return (8 * bytes) / rateBps;
}

/** Euclidean distance between two points in metres. @category edge */
export function distanceM(
  a: { readonly xM: number; readonly yM: number },
  b: { readonly xM: number; readonly yM: number },
): number {
  return Math.hypot(a.xM - b.xM, a.yM - b.yM);
}
