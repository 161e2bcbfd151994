// The admin's settings: categories and their auto-assignment, business hours, automations.
import { href } from '../../router';
import { AutomationsSection } from './automations';
import { BusinessHoursSection } from './business-hours';
import { CategoriesSection } from './categories';

const SECTIONS = {
  categories: { label: 'Categories', Section: CategoriesSection },
  'business-hours': { label: 'Business hours', Section: BusinessHoursSection },
  automations: { label: 'Automations', Section: AutomationsSection },
} as const;
type SectionName = keyof typeof SECTIONS;

export const isAdminSection = (name: string | undefined): name is SectionName => name === undefined || name in SECTIONS;

export function AdminPage({ section = 'categories' }: { section?: SectionName }) {
  const { Section } = SECTIONS[section];
  return (
    <main>
      <div class="page-head">
        <h1>Settings</h1>
      </div>
      <nav class="toolbar" aria-label="Settings">
        {(Object.keys(SECTIONS) as SectionName[]).map((name) => (
          <a
            key={name}
            class={name === section ? 'tab active' : 'tab'}
            aria-current={name === section ? 'page' : undefined}
            href={href(`/admin/${name}`)}
          >
            {SECTIONS[name].label}
          </a>
        ))}
      </nav>
      <Section />
    </main>
  );
}
