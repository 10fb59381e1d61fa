import { describe, expect, it } from 'vitest';
import { InvalidArgumentError, InvalidDateError, mainlandChinaCalendar, statutoryClock } from '../index.js';

const calendar = mainlandChinaCalendar();
// Limits here are test inputs; the statutory numbers live in the rules tables of approval/disclosure.
const LIMIT = 20;

describe('statutoryClock', () => {
  it('without pauses the due date is addWorkingDays(start, limit)', () => {
    const clock = statutoryClock({ calendar, start: '2013-09-16', limit: LIMIT });
    expect(clock.dueDate).toBe('2013-10-18');
    expect(clock.total).toBe(LIMIT);
    expect(clock.calendarVersion).toBe(calendar.version);
  });

  it('reports used, left and levels along the way', () => {
    const clock = statutoryClock({ calendar, start: '2013-09-16', limit: LIMIT });
    expect(clock.at('2013-09-16')).toMatchObject({ used: 0, left: 20, level: 'normal', paused: false });
    expect(clock.at('2013-10-07')).toMatchObject({ used: 10, left: 10, level: 'normal' }); // holiday: nothing counted
    expect(clock.at('2013-10-14')).toMatchObject({ used: 16, left: 4, level: 'normal' });
    expect(clock.at('2013-10-15')).toMatchObject({ used: 17, left: 3, level: 'yellow' });
    expect(clock.at('2013-10-18')).toMatchObject({ used: 20, left: 0, level: 'yellow' });
    expect(clock.at('2013-10-19')).toMatchObject({ used: 20, left: 0, level: 'red' }); // Saturday after the due date
    expect(clock.at('2013-10-21')).toMatchObject({ used: 21, left: -1, level: 'red' });
    expect(clock.at('2013-09-01')).toMatchObject({ used: 0, left: 20, level: 'normal' }); // before the start
  });

  it('warnWhenLeft is configurable', () => {
    const clock = statutoryClock({ calendar, start: '2013-09-16', limit: LIMIT, warnWhenLeft: 5 });
    expect(clock.at('2013-10-12').level).toBe('yellow'); // a Saturday worked: 5 left
    expect(clock.at('2013-10-11').level).toBe('normal');
  });

  it('a pause excludes working days from <= d < to', () => {
    // 09-23 and 09-24 are not counted; counting resumes on 09-25.
    const clock = statutoryClock({ calendar, start: '2013-09-16', limit: LIMIT, pauses: [{ from: '2013-09-23', to: '2013-09-25' }] });
    expect(clock.dueDate).toBe(calendar.addWorkingDays('2013-10-18', 2));
    expect(clock.at('2013-09-24')).toMatchObject({ dueDate: null, paused: true, used: 3, left: 17 });
    expect(clock.at('2013-09-24').projectedDueDate).toBe(clock.dueDate);
    expect(clock.at('2013-09-25')).toMatchObject({ dueDate: clock.dueDate, paused: false, used: 4 });
  });

  it('an open pause has no due date yet; at(today) projects one', () => {
    const clock = statutoryClock({ calendar, start: '2013-09-16', limit: LIMIT, pauses: [{ from: '2013-09-23', reason: '第三方征求意见' }] });
    expect(clock.dueDate).toBeNull();
    const s = clock.at('2013-10-10');
    expect(s).toMatchObject({ dueDate: null, paused: true, used: 3, left: 17, level: 'normal' });
    expect(s.projectedDueDate).toBe(calendar.addWorkingDays('2013-10-10', 17));
    // before the pause started, the clock ran normally
    expect(clock.at('2013-09-18')).toMatchObject({ dueDate: '2013-10-18', paused: false, used: 2 });
  });

  it('a pause after the due date changes nothing', () => {
    const clock = statutoryClock({ calendar, start: '2013-09-16', limit: LIMIT, pauses: [{ from: '2013-10-21', to: '2013-10-30' }] });
    expect(clock.dueDate).toBe('2013-10-18');
    expect(clock.at('2013-10-22')).toMatchObject({ level: 'red', paused: false });
  });

  it('extensions add working days', () => {
    const clock = statutoryClock({ calendar, start: '2013-09-16', limit: LIMIT, extensions: [{ days: 10, reason: '负责人批准' }] });
    expect(clock.total).toBe(30);
    expect(clock.dueDate).toBe(calendar.addWorkingDays('2013-10-18', 10));
  });

  it('a restart replaces the start (条例 第三十条)', () => {
    const clock = statutoryClock({ calendar, start: '2013-09-16', limit: LIMIT, restarts: ['2013-09-25'] });
    expect(clock.start).toBe('2013-09-25');
    expect(clock.dueDate).toBe(calendar.addWorkingDays('2013-09-25', LIMIT));
    // as of a day before the restart, the original start still applies
    expect(clock.at('2013-09-23')).toMatchObject({ dueDate: '2013-10-18', used: 4 });
    expect(clock.at('2013-09-26')).toMatchObject({ used: 1 });
  });

  it('limit 0 is due on the start day when it is a working day', () => {
    expect(statutoryClock({ calendar, start: '2013-09-16', limit: 0 }).dueDate).toBe('2013-09-16');
    expect(statutoryClock({ calendar, start: '2013-10-01', limit: 0 }).dueDate).toBe('2013-10-08');
  });

  it('rejects bad inputs with typed errors', () => {
    expect(() => statutoryClock({ calendar, start: '2013-09-16', limit: -1 })).toThrow(InvalidArgumentError);
    expect(() => statutoryClock({ calendar, start: '2013-09-16', limit: 2.5 })).toThrow(InvalidArgumentError);
    expect(() => statutoryClock({ calendar, start: '2013-9-16', limit: 1 })).toThrow(InvalidDateError);
    expect(() => statutoryClock({ calendar, start: '2013-09-16', limit: 1, pauses: [{ from: '2013-09-20', to: '2013-09-18' }] })).toThrow(InvalidArgumentError);
    expect(() => statutoryClock({ calendar, start: '2013-09-16', limit: 1, extensions: [{ days: -3 }] })).toThrow(InvalidArgumentError);
  });
});
