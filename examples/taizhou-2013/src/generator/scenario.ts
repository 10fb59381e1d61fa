/** How applicants reach the hall: case intake patterns with their weights. */
export type IntakePattern = 'window' | 'online' | 'agent' | 'mail';

/**
 * A generated year: which of the seed's registers it contains, how cases arrive, and whether
 * applicants rate the service (好差评).
 *
 * @example
 * const s: Scenario = taizhou2013;
 */
export interface Scenario {
  readonly name: string;
  readonly year: number;
  /** The seed report's registers: cleanup campaign, standards, agencies, surveys, trading, proactive disclosure, publicity, print runs. */
  readonly seedRegisters: boolean;
  readonly intake: Readonly<Partial<Record<IntakePattern, number>>>;
  /** Whether applicants rate finished cases (好差评, a system built from 2019 on). */
  readonly evaluations: boolean;
}

/**
 * Taizhou 2013 as the seed report describes it. The online approval system was still being
 * tendered ("目前网上通用审批系统进入公开招标阶段", seed §二.4), so cases arrive at the window, by
 * mail or through the center's agents (代办); no case is received online. Applicant ratings are
 * generated but labelled synthetic: 好差评 did not exist in 2013.
 *
 * @example
 * await generateTaizhou({ scenario: taizhou2013, cases: 400 });
 */
export const taizhou2013: Scenario = {
  name: 'taizhou-2013',
  year: 2013,
  seedRegisters: true,
  intake: { window: 78, agent: 14, mail: 8 },
  evaluations: true,
};

/**
 * A later year for the same center (no seed figures): the online hall the 2013 report planned is
 * running, so most cases go 网上受理、网上审核、网下办理、网上反馈, and applicants rate them (好差评).
 * Only the catalog and the cases are generated.
 *
 * @example
 * await generateTaizhou({ scenario: taizhou2025, cases: 400 });
 */
export const taizhou2025: Scenario = {
  name: 'taizhou-2025',
  year: 2025,
  seedRegisters: false,
  intake: { online: 62, window: 28, agent: 6, mail: 4 },
  evaluations: true,
};

/**
 * The scenarios by name.
 *
 * @example
 * scenarios['taizhou-2025'].year; // 2025
 */
export const scenarios = { 'taizhou-2013': taizhou2013, 'taizhou-2025': taizhou2025 } as const;
