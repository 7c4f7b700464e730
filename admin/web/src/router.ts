/** A hash router is all this SPA needs: it works from any static host and survives reloads. */
import { computed, ref } from 'vue';

const hash = ref(window.location.hash);
window.addEventListener('hashchange', () => {
  hash.value = window.location.hash;
});

export interface Route {
  name: 'login' | 'assignments' | 'recordings' | 'recording' | 'share';
  param?: string;
  query: URLSearchParams;
}

function parse(raw: string): Route {
  const [pathPart = '', queryPart = ''] = raw.replace(/^#/, '').split('?');
  const segments = pathPart.split('/').filter(Boolean);
  const query = new URLSearchParams(queryPart);
  if (segments[0] === 'share' && segments[1]) return { name: 'share', param: segments[1], query };
  if (segments[0] === 'recordings' && segments[1]) return { name: 'recording', param: segments[1], query };
  if (segments[0] === 'recordings') return { name: 'recordings', query };
  if (segments[0] === 'login') return { name: 'login', query };
  return { name: 'assignments', query };
}

export const route = computed(() => parse(hash.value));

export function navigate(to: string): void {
  window.location.hash = to;
}
