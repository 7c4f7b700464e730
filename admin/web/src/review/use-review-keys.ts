/** Listens for the review keys on the whole page while the component is mounted. */
import { onBeforeUnmount, onMounted } from 'vue';
import { actionFor, type ReviewAction } from './keys';

export type ReviewHandlers = {
  [K in ReviewAction['kind']]: (action: Extract<ReviewAction, { kind: K }>) => void;
};

export function useReviewKeys(handlers: ReviewHandlers): void {
  const onKey = (e: KeyboardEvent) => {
    const action = actionFor(e);
    if (!action) return;
    // A digit moves focus to the score field during keydown, so the browser types it there.
    if (!(action.kind === 'score' && action.digit)) e.preventDefault();
    (handlers[action.kind] as (a: ReviewAction) => void)(action);
  };
  onMounted(() => window.addEventListener('keydown', onKey));
  onBeforeUnmount(() => window.removeEventListener('keydown', onKey));
}
