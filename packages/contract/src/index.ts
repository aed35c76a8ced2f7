export * from './errors';
export * from './rest';
export * from './account';
export * from './events';
