import postcss, { type Root } from 'postcss';
import { HTML_TAG } from './wx-tags';
import { replaceRpx } from './rpx';

const TAG_NAMES = Object.keys(HTML_TAG).sort((a, b) => b.length - a.length);
// A WeChat tag name standing as a type selector: at the start or after a combinator/comma/paren, and not
// followed by a name character (so `.text` or `text-align` never match).
const TAG_IN_SELECTOR = new RegExp(`(^|[\\s>+~,(])(${TAG_NAMES.join('|')})(?![\\w-])`, 'g');

/** A selector's WeChat type selectors as the HTML tags the screens use (`page` is the page's root element). */
export function htmlSelector(selector: string): string {
  return selector.replace(TAG_IN_SELECTOR, (_, before: string, tag: string) => `${before}${HTML_TAG[tag]}`);
}

/**
 * WXSS as browser CSS for one screen width: rpx in px as WeChat computes them, WeChat tag selectors as the
 * HTML tags of page-html.ts. `@import` is not followed (our WXSS has none; say so if that changes).
 */
export function wxssToCss(wxss: string, screenWidth: number): string {
  const root: Root = postcss.parse(wxss);
  root.walkAtRules('import', (rule) => {
    throw new Error(`wxss @import is not supported by the screens tool: ${rule.params}`);
  });
  root.walkRules((rule) => {
    rule.selector = htmlSelector(rule.selector);
  });
  root.walkDecls((decl) => {
    decl.value = replaceRpx(decl.value, screenWidth);
  });
  return root.toString();
}
