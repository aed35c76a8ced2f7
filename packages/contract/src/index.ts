export * from './errors';
export * from './rest';
export * from './analytics';
export * from './events';
