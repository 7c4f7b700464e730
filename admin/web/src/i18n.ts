/** Current language (Simplified Chinese unless the teacher chose English) and the lookup `t`. */
import { ref } from 'vue';
import { STRINGS, type Locale, type StringKey } from './strings';

const STORAGE_KEY = 'admin.locale';

function initialLocale(): Locale {
  const stored = window.localStorage.getItem(STORAGE_KEY);
  return stored === 'en' ? 'en' : 'zh-CN';
}

export const locale = ref<Locale>(initialLocale());

export function toggleLocale(): void {
  locale.value = locale.value === 'zh-CN' ? 'en' : 'zh-CN';
  window.localStorage.setItem(STORAGE_KEY, locale.value);
  document.documentElement.lang = locale.value;
}

export function t(key: StringKey, vars: Record<string, string | number> = {}): string {
  const text: string = STRINGS[locale.value][key];
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? ''));
}

export function formatDate(value: string | Date | undefined): string {
  if (!value) return '';
  return new Date(value).toLocaleString(locale.value, { dateStyle: 'short', timeStyle: 'short' });
}

export function formatDuration(ms: number): string {
  const total = Math.round(ms / 1000);
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
}
