import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, Component, createRef, Fragment, h, options, render } from './dom';

let root: HTMLElement;
beforeEach(() => {
  root = document.body.appendChild(document.createElement('div'));
});
afterEach(() => {
  render(null, root);
  root.remove();
  delete options.debounceRendering;
});

describe('render', () => {
  it('sets properties where the element has them, attributes elsewhere, as Preact does', () => {
    render(
      <div class="card" id="c" role="dialog" tabIndex={-1} aria-checked={false} aria-label={undefined} dir="rtl">
        <textarea maxLength={5} value="hi" />
        <button type="button" disabled>
          x
        </button>
        <svg viewBox="0 0 16 16" aria-hidden="true">
          <path d="M4 4l8 8" />
        </svg>
      </div>,
      root,
    );
    const card = root.firstElementChild as HTMLElement;
    expect(card.outerHTML).toBe(
      '<div class="card" id="c" role="dialog" tabindex="-1" aria-checked="false" dir="rtl"><textarea maxlength="5"></textarea><button type="button" disabled="">x</button><svg viewBox="0 0 16 16" aria-hidden="true"><path d="M4 4l8 8"></path></svg></div>',
    );
    expect(root.querySelector('textarea')!.value).toBe('hi');
    expect(root.querySelector('svg')!.namespaceURI).toBe('http://www.w3.org/2000/svg');
  });

  it('updates in place, keeping the elements (and so focus and typed text)', () => {
    render(<div><input value="a" /><span>one</span></div>, root);
    const input = root.querySelector('input')!;
    input.focus();
    render(<div><input value="b" /><span>two</span></div>, root);
    expect(root.querySelector('input')).toBe(input);
    expect(input.value).toBe('b');
    expect(root.textContent).toBe('two');
    expect(document.activeElement).toBe(input);
  });

  it('remounts what a new key names, and keeps holes where children come and go', () => {
    render(<div><p key={1}>a</p>{false}<i>end</i></div>, root);
    const first = root.querySelector('p')!;
    const end = root.querySelector('i')!;
    render(<div><p key={2}>b</p><b>new</b><i>end</i></div>, root);
    expect(root.querySelector('p')).not.toBe(first);
    expect(root.querySelector('i')).toBe(end);
    expect(root.firstElementChild!.innerHTML).toBe('<p>b</p><b>new</b><i>end</i>');
  });

  it('opens fragments and arrays into their parent', () => {
    render(<ul><>{[1, 2].map((n) => <li>{n}</li>)}</><li>3</li></ul>, root);
    expect(root.innerHTML).toBe('<ul><li>1</li><li>2</li><li>3</li></ul>');
    expect(Fragment({ children: 'x' })).toBe('x');
  });

  it('calls the handler of the latest render, and removes a handler that is gone', () => {
    const first = vi.fn();
    const second = vi.fn();
    render(<button onClick={first} />, root);
    const button = root.querySelector('button')!;
    render(<button onClick={second} />, root);
    button.click();
    render(<button />, root);
    button.click();
    expect(first).not.toHaveBeenCalled();
    expect(second).toHaveBeenCalledTimes(1);
  });

  it('sets refs, and clears them when the element goes', () => {
    const ref = createRef<HTMLDivElement>();
    render(<div ref={ref} />, root);
    expect(ref.current).toBe(root.firstElementChild);
    render(null, root);
    expect(ref.current).toBeNull();
    expect(root.innerHTML).toBe('');
  });
});

describe('class components', () => {
  const calls: string[] = [];
  class Counter extends Component<{ label: string }, { n: number }> {
    override state = { n: 0 };
    override componentDidMount() {
      calls.push(`mounted, in the document: ${root.contains(document.getElementById('count'))}`);
    }
    override componentDidUpdate(_: unknown, previous: { n: number }) {
      calls.push(`updated from ${previous.n} to ${this.state.n}`);
    }
    override componentWillUnmount() {
      calls.push('unmounted');
    }
    override render() {
      return (
        <button id="count" onClick={() => this.setState(({ n }) => ({ n: n + 1 }))}>
          {this.props.label} {this.state.n}
        </button>
      );
    }
  }
  beforeEach(() => void (calls.length = 0));

  it('mounts once in the document, batches setState into one re-render, and unmounts', () => {
    render(<Counter label="clicks" />, root);
    const button = root.querySelector('button')!;
    act(() => {
      button.click();
      button.click();
    });
    expect(button.textContent).toBe('clicks 2');
    expect(root.querySelector('button')).toBe(button);
    render(null, root);
    expect(calls).toEqual(['mounted, in the document: true', 'updated from 0 to 2', 'unmounted']);
  });

  it('re-renders through options.debounceRendering, where an error can be caught', async () => {
    const scheduled = vi.fn((flush: () => void) => void Promise.resolve().then(flush));
    options.debounceRendering = scheduled;
    render(<Counter label="n" />, root);
    root.querySelector('button')!.click();
    expect(scheduled).toHaveBeenCalledTimes(1);
    await vi.waitFor(() => expect(root.textContent).toBe('n 1'));
  });
});

describe('props that go', () => {
  it('removes attributes and children that a render no longer has', () => {
    render(<button class="a" aria-label="x">text</button>, root);
    render(<button />, root);
    expect(root.innerHTML).toBe('<button></button>');
  });
});
