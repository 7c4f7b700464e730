import { HTML_TAG, KEPT_ATTRIBUTES, VOID_TAGS } from './wx-tags';

/** A rendered page frozen at one moment: plain data, so it can be drawn at any screen width later. */
export type SnapshotNode = string | SnapshotElement;

export interface SnapshotElement {
  tag: string;
  attrs: Record<string, string>;
  children: SnapshotNode[];
}

/** What j-component keeps on each rendered element: its wxml attributes with their bound values. */
interface WxElement {
  _vt?: { attrs?: Array<{ name: string; value: unknown }> };
}

/** An attribute's bound value as HTML text; undefined when the attribute is off (false, null, absent). */
function attributeText(value: unknown): string | undefined {
  if (value === undefined || value === null || value === false || value === 'false') return undefined;
  return value === true ? '' : String(value as string | number);
}

function boundAttributes(element: Element): Record<string, string> {
  const attrs: Record<string, string> = {};
  // j-component puts only class, style, id and data-* on the DOM; the rest (type, disabled, placeholder…)
  // live on its virtual node, with their values already evaluated.
  const bound = (element as Element & { __wxElement?: WxElement }).__wxElement?._vt?.attrs ?? [];
  for (const { name, value } of bound) {
    const text = attributeText(value);
    if ((KEPT_ATTRIBUTES as readonly string[]).includes(name) && text !== undefined) attrs[name] = text;
  }
  for (const name of ['class', 'style', 'id']) {
    const value = element.getAttribute(name);
    if (value) attrs[name] = value;
  }
  return attrs;
}

/** The page's rendered tree (wx-view, wx-button, …) as HTML-shaped data; custom component hosts become divs. */
export function snapshotPage(root: Element): SnapshotElement {
  const convert = (element: Element): SnapshotElement => {
    const wxTag = element.tagName.toLowerCase().replace(/^wx-/, '');
    const children: SnapshotNode[] = [];
    for (const child of Array.from(element.childNodes)) {
      if (child.nodeType === 3) children.push(child.textContent ?? '');
      else if (child.nodeType === 1) children.push(convert(child as Element));
    }
    return { tag: HTML_TAG[wxTag] ?? 'div', attrs: boundAttributes(element), children };
  };
  return convert(root);
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The snapshot as HTML; `mapStyle` turns inline styles into browser CSS (rpx to px). */
export function snapshotHtml(node: SnapshotNode, mapStyle: (style: string) => string): string {
  if (typeof node === 'string') return escapeHtml(node);
  const attrs = Object.entries(node.attrs)
    .map(([name, value]) => {
      const text = name === 'style' ? mapStyle(value) : value;
      return text === '' ? ` ${name}` : ` ${name}="${escapeHtml(text)}"`;
    })
    .join('');
  if (VOID_TAGS.has(node.tag)) return `<${node.tag}${attrs}>`;
  const inner = node.children.map((child) => snapshotHtml(child, mapStyle)).join('');
  return `<${node.tag}${attrs}>${inner}</${node.tag}>`;
}
