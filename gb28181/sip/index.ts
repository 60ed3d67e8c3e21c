export * from './dialog';
export * from './digest';
export * from './endpoint';
export * from './header-values';
export * from './message';
export * from './tcp-framer';
export * from './transport';
