export {
  statutoryClock,
  type StatutoryClock,
  type StatutoryClockOptions,
  type ClockStatus,
  type ClockReading,
  type ClockLevel,
  type Pause,
  type Extension,
} from './statutoryClock.js';
