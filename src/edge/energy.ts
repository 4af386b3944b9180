/**
 * Energy: a linear power model P(u) = P_idle + (P_max − P_idle)·u (Fan, Weber & Barroso, ISCA 2007),
 * and radio energy = transmit power × airtime.
 */

/**
 * Power draw at utilisation u ∈ [0, 1].
 *
 * @example
 * ```ts
 * powerW(50, 300, 0.5); // 175
 * ```
 * @category edge
 */
export function powerW(idleW: number, maxW: number, utilisation: number): number {
  const u = Math.min(1, Math.max(0, utilisation));
  return idleW + (maxW - idleW) * u;
}

/**
 * Energy of `busyS` seconds of full-load work above idle: (P_max − P_idle)·busy. The idle draw is
 * charged once per slot per powered server, so work is not charged for it twice.
 *
 * @category edge
 */
export function dynamicEnergyJ(idleW: number, maxW: number, busyS: number): number {
  return (maxW - idleW) * busyS;
}

/**
 * Radio energy = transmit power × airtime.
 *
 * @category edge
 */
export function radioEnergyJ(transmitPowerW: number, airtimeS: number): number {
  return transmitPowerW * airtimeS;
}
