// The survey's renderer: Preact's API for exactly what Survey.tsx uses (JSX elements and fragments,
// one class component with setState and its lifecycle, refs, keys), in a fraction of its bytes.
// Preact was 4.4 KB of the 12 KB a shown survey may cost; a survey is one component of a few
// dozen elements, which this diffs position by position (a new key remounts), setting properties
// and attributes as Preact does, and re-renders through `options.debounceRendering`.
import type { JSX as PreactJSX } from 'preact';

/** An element, a component, or a text (`type` null, the text in `props`). */
export interface VNode {
  type: string | ComponentClass | typeof Fragment | null;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  props: any;
  key?: unknown;
  /** Its DOM node; a component's is its rendered root's. */
  __dom?: Node;
  /** An element's children, flattened (fragments and arrays), holes kept so positions stay. */
  __kids?: (VNode | null)[];
  /** A component's instance. */
  __comp?: Component;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type ComponentClass = new (props: any) => Component<any, any>;

/** The JSX types are Preact's: the same attributes, checked the same way. */
export declare namespace h {
  namespace JSX {
    type Element = VNode;
    interface ElementClass {
      render(): unknown;
    }
    interface ElementAttributesProperty {
      props: unknown;
    }
    interface ElementChildrenAttribute {
      children: unknown;
    }
    interface IntrinsicAttributes {
      key?: unknown;
    }
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type
    interface IntrinsicElements extends PreactJSX.IntrinsicElements {}
  }
}

export const options: {
  /** Schedules the re-renders that setState asks for; a microtask by default. */
  debounceRendering?: (flush: () => void) => void;
} = {};

export function h(type: VNode['type'], props: Record<string, unknown> | null, ...children: unknown[]): VNode {
  const { key, ...rest } = props ?? {};
  if (children.length) rest.children = children;
  return { type, props: rest, key };
}

export function Fragment(props: { children?: unknown }): unknown {
  return props.children;
}

export function createRef<T>(): { current: T | null } {
  return { current: null };
}

export class Component<P = object, S = object> {
  declare state: S;
  props: P;
  /** The state setState has asked for, not rendered yet. */
  __next?: S | undefined;
  __vnode?: VNode;
  __rendered?: VNode | null;
  __dirty?: boolean;
  __gone?: boolean;
  constructor(props: P) {
    this.props = props;
  }
  setState(update: Partial<S> | ((state: S, props: P) => Partial<S> | null)): void {
    const base = this.__next ?? this.state;
    const patch = typeof update == 'function' ? update({ ...base }, this.props) : update;
    if (!patch) return;
    this.__next = { ...base, ...patch };
    if (!this.__dirty && (this.__dirty = true) && queue.push(this as unknown as Component) == 1) (options.debounceRendering ?? defer)(flush);
  }
  render(): VNode | null {
    return null;
  }
  componentDidMount?(): void;
  componentDidUpdate?(previousProps: P, previousState: S): void;
  componentWillUnmount?(): void;
}

const defer = (fn: () => void) => void Promise.resolve().then(fn);
let queue: Component[] = [];
/** Components created by the current render, whose componentDidMount runs once they are in the document. */
let mounted: Component[] = [];

/** Renders what setState asked for, now. */
export function flush(): void {
  const dirty = queue;
  queue = [];
  for (const c of dirty) {
    c.__dirty = false;
    if (c.__gone) continue;
    const previous = c.state;
    c.state = c.__next ?? c.state;
    c.__next = undefined;
    const old = c.__rendered!;
    patch(old.__dom!.parentNode!, old, (c.__rendered = c.render()), null, false);
    c.__vnode!.__dom = c.__rendered!.__dom;
    didMount();
    c.componentDidUpdate?.(c.props, previous);
  }
}

/** For tests: runs `fn`, then the re-renders it asked for. */
export function act(fn: () => void): void {
  fn();
  flush();
}

/** Renders `vnode` into `parent`, updating what an earlier render put there; null empties it. */
export function render(vnode: VNode | null, parent: Element & { __root?: VNode | null }): void {
  patch(parent, parent.__root ?? null, vnode, null, false);
  parent.__root = vnode;
  didMount();
}

function didMount(): void {
  const done = mounted;
  mounted = [];
  for (const c of done) c.componentDidMount?.();
}

/** Children as a flat list: arrays and fragments opened, texts as text nodes, nothing as a hole. */
function flat(children: unknown, out: (VNode | null)[] = []): (VNode | null)[] {
  if (Array.isArray(children)) for (const child of children) flat(child, out);
  else if (children && typeof children == 'object') {
    const vnode = children as VNode;
    if (vnode.type === Fragment) flat(vnode.props.children, out);
    else out.push(vnode);
  } else out.push(children == null || typeof children == 'boolean' ? null : { type: null, props: String(children) });
  return out;
}

function create(vnode: VNode, svg: boolean): Node {
  const { type, props } = vnode;
  if (type === null) return (vnode.__dom = document.createTextNode(props));
  if (typeof type == 'function') {
    const c = (vnode.__comp = new (type as ComponentClass)(props));
    c.__vnode = vnode;
    mounted.push(c);
    return (vnode.__dom = create((c.__rendered = c.render()!), svg));
  }
  svg ||= type == 'svg';
  const el = (vnode.__dom = svg ? document.createElementNS('http://www.w3.org/2000/svg', type) : document.createElement(type));
  setProps(el as Element, props, {}, svg);
  for (const kid of (vnode.__kids = flat(props.children))) if (kid) el.appendChild(create(kid, svg));
  ref(props.ref, el);
  return el;
}

function patch(parent: Node, old: VNode | null, vnode: VNode | null, before: Node | null, svg: boolean): void {
  if (old && vnode && old.type === vnode.type && old.key === vnode.key) {
    const dom = (vnode.__dom = old.__dom!);
    if (vnode.type === null) {
      if (old.props !== vnode.props) (dom as Text).data = vnode.props;
    } else if (typeof vnode.type == 'function') {
      // The survey is rendered once from outside; new props from a parent are not a case here.
      vnode.__comp = old.__comp;
    } else {
      svg ||= vnode.type == 'svg';
      setProps(dom as Element, vnode.props, old.props, svg);
      const olds = old.__kids!;
      const kids = (vnode.__kids = flat(vnode.props.children));
      for (let i = 0; i < Math.max(olds.length, kids.length); i++) {
        // A new node goes before the next old one still in place.
        const next = olds.slice(i + 1).find((k) => k)?.__dom ?? null;
        patch(dom, olds[i] ?? null, kids[i] ?? null, next, svg);
      }
    }
    return;
  }
  if (vnode) parent.insertBefore(create(vnode, svg), old?.__dom ?? before);
  if (old) unmount(old, true);
}

function unmount(vnode: VNode, remove: boolean): void {
  const c = vnode.__comp;
  if (c) {
    c.__gone = true;
    c.componentWillUnmount?.();
    unmount(c.__rendered!, remove);
    return;
  }
  if (vnode.type !== null) {
    ref(vnode.props.ref, null);
    for (const kid of vnode.__kids ?? []) if (kid) unmount(kid, false);
  }
  if (remove) vnode.__dom?.parentNode?.removeChild(vnode.__dom);
}

function ref(target: unknown, value: Node | null): void {
  if (typeof target == 'function') target(value);
  else if (target) (target as { current: Node | null }).current = value;
}

type Listening = Element & { __on?: Record<string, (e: Event) => void> };

/** One listener per event type and element, calling the handler of the latest render. */
function proxy(this: Listening, e: Event): void {
  this.__on![e.type]!(e);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function setProps(el: Listening, props: any, old: any, svg: boolean): void {
  // Not props of the element: children and ref, and __self and __source, which a development JSX
  // transform (the tests') adds for debuggers.
  const own = (name: string) => !/^(children|ref|__\w+)$/.test(name);
  for (const name in old) if (own(name) && !(name in props)) set(el, name, null, svg);
  for (const name in props) if (own(name) && props[name] !== old[name]) set(el, name, props[name], svg);
}

/** Attributes Preact sets as attributes even where the element has a property of that name. */
const ATTRIBUTES = /^(width|height|href|list|form|tabIndex|download|rowSpan|colSpan|role)$/;

function set(el: Listening, name: string, value: unknown, svg: boolean): void {
  if (name[0] == 'o' && name[1] == 'n') {
    const type = name.slice(2).toLowerCase();
    const on = (el.__on ??= {});
    if (value && !on[type]) el.addEventListener(type, proxy);
    if (!value) el.removeEventListener(type, proxy);
    on[type] = value as (e: Event) => void;
  } else if (!svg && name in el && !ATTRIBUTES.test(name)) {
    (el as unknown as Record<string, unknown>)[name] = value ?? '';
  } else if (value == null || (value === false && name[4] != '-')) {
    el.removeAttribute(name);
  } else {
    // aria-* keeps false as "false".
    el.setAttribute(name, String(value));
  }
}
