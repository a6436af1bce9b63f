// What every view reads: the session, the open site and the reader's role on it, the words.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { z } from 'zod';
import type { Role, SiteSchema } from '@plaudit/shared';
import type { Session } from './api';
import type { Formats, Lang, T } from './i18n';

export type Site = z.infer<typeof SiteSchema>;

export interface App {
  lang: Lang;
  setLang(lang: Lang): void;
  t: T;
  f: Formats;
  session: Session;
  /** The open site: its id always, its record once read. */
  siteId: string;
  site: Site | undefined;
  role: Role;
  /** Whether the reader's role on the site allows what needs `least`. */
  can(least: Role): boolean;
  /** A dashboard path for the open site, with a query. */
  href(path: string, query?: Record<string, string | number | undefined | null>): string;
  reloadSession(): Promise<void>;
  reloadSite(): void;
  signOut(): Promise<void>;
}

export const AppContext = createContext<App | null>(null);

export function useApp(): App {
  const app = useContext(AppContext);
  if (!app) throw new Error('useApp outside the signed-in app');
  return app;
}

/** Words alone, for the pages shown before sign-in too. */
export interface Words {
  lang: Lang;
  setLang(lang: Lang): void;
  t: T;
  f: Formats;
}
export const WordsContext = createContext<Words | null>(null);
export function useWords(): Words {
  const words = useContext(WordsContext);
  if (!words) throw new Error('useWords outside the app');
  return words;
}

const RANK: Record<Role, number> = { viewer: 0, editor: 1, owner: 2 };
export const allows = (role: Role, least: Role) => RANK[role] >= RANK[least];
