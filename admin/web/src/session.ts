/** Who is signed in, shared by every page. */
import { ref } from 'vue';
import { api, ApiError, setCsrfToken } from './api';

export interface Teacher {
  teacherId: string;
  username: string;
  displayName: string;
  csrfToken: string;
}

export const teacher = ref<Teacher | null>(null);

function remember(value: Teacher): Teacher {
  setCsrfToken(value.csrfToken);
  teacher.value = value;
  return value;
}

export async function loadSession(): Promise<Teacher | null> {
  try {
    return remember(await api<Teacher>('GET', '/api/me'));
  } catch (err) {
    teacher.value = null;
    if (err instanceof ApiError && err.code === 'UNAUTHENTICATED') return null;
    throw err;
  }
}

export async function signIn(username: string, password: string): Promise<Teacher> {
  return remember(await api<Teacher>('POST', '/api/login', { username, password }));
}

export async function signOut(): Promise<void> {
  await api('POST', '/api/logout');
  teacher.value = null;
  setCsrfToken('');
}
