/**
 * WeChat's built-in components as sensible HTML: the tag each becomes in the screens, and the attributes of
 * theirs the stand-in styles and the checks read (`type="primary"`, `disabled`, `placeholder`, …).
 */
export const HTML_TAG: Record<string, string> = {
  page: 'wx-page',
  view: 'div',
  'cover-view': 'div',
  'scroll-view': 'div',
  swiper: 'div',
  'swiper-item': 'div',
  text: 'span',
  'rich-text': 'div',
  button: 'button',
  input: 'input',
  textarea: 'textarea',
  image: 'img',
  icon: 'i',
  label: 'label',
  navigator: 'a',
  form: 'form',
  progress: 'progress',
};

export const KEPT_ATTRIBUTES = [
  'type',
  'size',
  'plain',
  'disabled',
  'loading',
  'hidden',
  'placeholder',
  'value',
  'open-type',
  'src',
  'aria-label',
  'aria-role',
] as const;

/** HTML elements that take no children. */
export const VOID_TAGS = new Set(['input', 'img']);
