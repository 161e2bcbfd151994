/// <reference types="vite/client" />

/** The demo accounts for the sign-in page, fixed at build time (console/vite.config.mts); null when left out. */
declare const __DEMO_ACCOUNTS__: {
  password: string;
  accounts: Array<{ email: string; name: string; role: import('./types').Role }>;
} | null;
