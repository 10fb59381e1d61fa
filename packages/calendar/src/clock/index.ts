export {
  statutoryClock,
  type StatutoryClock,
  type StatutoryClockOptions,
  type ClockStatus,
  type ClockLevel,
  type Pause,
  type Extension,
} from './statutoryClock.js';
