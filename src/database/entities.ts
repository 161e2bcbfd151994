// Every entity, listed explicitly (no globs) so the app, the CLI and jest load the same classes.
export const entities: Function[] = [];
