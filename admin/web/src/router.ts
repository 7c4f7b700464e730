/** A hash router is all this SPA needs: it works from any static host and survives reloads. */
import { computed, ref } from 'vue';

const hash = ref(window.location.hash);
window.addEventListener('hashchange', () => {
  hash.value = window.location.hash;
});

export interface Route {
  name: 'login' | 'assignments' | 'recordings' | 'recording' | 'share' | 'progress' | 'roster';
  param?: string;
  query: URLSearchParams;
}

/** `#/first/second/third`: the route name from the segments present, most specific first. */
function nameOf(segments: string[]): Pick<Route, 'name' | 'param'> {
  const [first, second, third] = segments;
  if (first === 'share' && second) return { name: 'share', param: second };
  if (first === 'recordings' && second) return { name: 'recording', param: second };
  if (first === 'assignments' && second && third === 'progress') return { name: 'progress', param: second };
  const plain: Record<string, Route['name']> = { recordings: 'recordings', login: 'login', roster: 'roster' };
  return { name: (first && plain[first]) || 'assignments' };
}

function parse(raw: string): Route {
  const [pathPart = '', queryPart = ''] = raw.replace(/^#/, '').split('?');
  return { ...nameOf(pathPart.split('/').filter(Boolean)), query: new URLSearchParams(queryPart) };
}

export const route = computed(() => parse(hash.value));

export function navigate(to: string): void {
  window.location.hash = to;
}
