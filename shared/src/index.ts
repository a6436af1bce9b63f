export * from './scoring';
export * from './schemas';
export * from './theme';
export * from './statistics';
export * from './rates';
