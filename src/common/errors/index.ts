export * from './app.exception';
export * from './error-code';
export * from './startup.error';
export * from './dependency-unavailable.error';
export * from './error-details';
