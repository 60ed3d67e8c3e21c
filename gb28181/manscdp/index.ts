export * from './codec';
export * from './response-gatherer';
export * from './time';
