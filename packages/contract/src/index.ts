export * from './errors';
export * from './rest';
export * from './account';
export * from './analytics';
export * from './guests';
export * from './events';
export * from './moderation';
export * from './attachments';
