// Every migration, oldest first. `npm run migration:generate` writes a new file here: add it to this list.
export const migrations: Function[] = [];
