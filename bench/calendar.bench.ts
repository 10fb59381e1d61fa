/**
 * Working-day arithmetic (design §6: ≥ 5,000,000 deadline computations/s): `addWorkingDays` on
 * seeded random start dates with N in 1..60, against a naive day-by-day loop (date-fns `addDays`
 * + holiday `Set` + weekend check) in the same run; plus the one-time table build. And
 * `toShanghaiDate` (fixed UTC+8 arithmetic) against the IANA-zone path a time-zone library such as
 * `@date-fns/tz` takes (`Intl.DateTimeFormat` for Asia/Shanghai, one cached formatter): the
 * measurement behind the calendar README's "Dependencies".
 */
import { addDays } from 'date-fns';
import { createCalendar, mainlandChinaCalendar, toShanghaiDate } from '@banshi/calendar';
import { seeded } from '@banshi/testing';
import { opsPerSecond, percentile, type Benchmark, type Figure } from './harness.js';

const bench: Benchmark = {
  name: 'calendar',
  async run(): Promise<readonly Figure[]> {
    const builds: number[] = [];
    for (let i = 0; i < 20; i++) {
      const t0 = performance.now();
      createCalendar();
      builds.push((performance.now() - t0) * 1000);
    }
    builds.sort((a, b) => a - b);
    const t1 = performance.now();
    createCalendar({ uncoveredYears: 'weekends-only' });
    const wideBuildMs = performance.now() - t1;

    const cal = mainlandChinaCalendar();
    // Inputs: seeded start dates 2007-01-01 … 2025-06-30 (so +60 working days stays in the data), N in 1..60.
    const first = Date.UTC(2007, 0, 1);
    const spanDays = (Date.UTC(2025, 5, 30) - first) / 86_400_000;
    const random = seeded(2013);
    const size = 1 << 16;
    const starts: string[] = [];
    const ns = new Int32Array(size);
    for (let i = 0; i < size; i++) {
      starts.push(new Date(first + Math.floor(random() * spanDays) * 86_400_000).toISOString().slice(0, 10));
      ns[i] = 1 + Math.floor(random() * 60);
    }

    // The naive baseline's data: the same calendar's days off and make-up days as Sets.
    const off = new Set<string>();
    const work = new Set<string>();
    for (let y = 2007; y <= 2026; y++) {
      const info = cal.yearInfo(y);
      for (const d of info.daysOff) off.add(d.date);
      for (const d of info.makeUpDays) work.add(d.date);
    }
    const naiveAdd = (start: string, n: number): string => {
      let d = new Date(`${start}T00:00:00Z`);
      let key = start;
      for (let left = n; left > 0; ) {
        d = addDays(d, 1);
        key = d.toISOString().slice(0, 10);
        const wd = d.getUTCDay();
        if (work.has(key) || (wd !== 0 && wd !== 6 && !off.has(key))) left--;
      }
      return key;
    };
    for (let i = 0; i < 2000; i++) {
      const s = starts[i] as string;
      const n = ns[i] as number;
      if (naiveAdd(s, n) !== cal.addWorkingDays(s, n)) throw new Error(`baseline disagrees at ${s} + ${n}`);
    }

    let sink = 0;
    const batch = 1 << 16;
    const fast = opsPerSecond(() => {
      for (let i = 0; i < batch; i++) sink += cal.addWorkingDays(starts[i] as string, ns[i] as number).length;
    }, batch, 1000);
    const naiveBatch = 1 << 10;
    let offset = 0;
    const naive = opsPerSecond(() => {
      for (let i = 0; i < naiveBatch; i++) {
        const j = (offset + i) & (size - 1);
        sink += naiveAdd(starts[j] as string, ns[j] as number).length;
      }
      offset += naiveBatch;
    }, naiveBatch, 1000);

    // Instants spread over 2013, the same for both; they must agree before they are timed.
    const instants = new Float64Array(size);
    for (let i = 0; i < size; i++) instants[i] = Date.UTC(2013, 0, 1) + Math.floor(random() * 365 * 86_400_000);
    const zoneDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });
    for (let i = 0; i < 2000; i++) {
      if (toShanghaiDate(instants[i] as number) !== zoneDay.format(instants[i] as number)) throw new Error(`toShanghaiDate disagrees with the zone at ${instants[i]}`);
    }
    const toDay = opsPerSecond(() => {
      for (let i = 0; i < batch; i++) sink += toShanghaiDate(instants[i] as number).length;
    }, batch, 500);
    const zoneBatch = 1 << 12;
    const viaZone = opsPerSecond(() => {
      for (let i = 0; i < zoneBatch; i++) sink += zoneDay.format(instants[(offset + i) & (size - 1)] as number).length;
      offset += zoneBatch;
    }, zoneBatch, 500);
    if (sink === 42) console.log('');

    return [
      {
        name: 'calendar.addWorkingDays',
        value: fast,
        unit: 'ops/s',
        baseline: 'naive day loop (date-fns addDays + holiday Set + weekend check)',
        baselineValue: naive,
        ratio: fast / naive,
        target: { kind: 'ratio', min: 100 },
      },
      {
        name: 'calendar.toShanghaiDate',
        value: toDay,
        unit: 'ops/s',
        baseline: 'IANA zone via Intl.DateTimeFormat (the path of @date-fns/tz)',
        baselineValue: viaZone,
        ratio: toDay / viaZone,
      },
      { name: 'calendar.addWorkingDays.absolute', value: fast, unit: 'ops/s', target: { kind: 'value', min: 5_000_000 } },
      { name: 'calendar.tableBuild.2007-2026.p50', value: percentile(builds, 50), unit: 'µs' },
      { name: 'calendar.tableBuild.weekendsOnly.1970-2099', value: wideBuildMs * 1000, unit: 'µs' },
    ];
  },
};

export default bench;
