export * from './scoring';
export * from './schemas';
