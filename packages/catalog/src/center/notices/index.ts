export { noticeEvents, noticeKinds, TradingNoticePublished, TradingNoticeWithdrawn, type NoticeEvent } from './noticeEvents.js';
export { noticeCommandSchema, noticeDecider, type NoticeCommand, type NoticeState } from './noticeDecider.js';
export { nextNoticeStatus, noticeMachine, noticeStatuses, noticeTable, type NoticeStatus } from './noticeMachine.js';
export { noticeFigures, tradingNotices, type TradingNoticesState } from './tradingNotices.js';
