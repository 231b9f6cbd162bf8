/*
 * Test environment setup for jsdom tests: jest-dom matchers plus the browser APIs jsdom lacks and
 * that @grafana/ui and @grafana/scenes use (IntersectionObserver, ResizeObserver, matchMedia, canvas).
 */
import '@testing-library/jest-dom';
import { TextDecoder, TextEncoder } from 'util';

Object.assign(global, { TextDecoder, TextEncoder });

// https://jestjs.io/docs/manual-mocks#mocking-methods-which-are-not-implemented-in-jsdom
Object.defineProperty(window, 'matchMedia', {
  writable: true,
  value: (query) => ({
    matches: false,
    media: query,
    onchange: null,
    addListener: () => {},
    removeListener: () => {},
    addEventListener: () => {},
    removeEventListener: () => {},
    dispatchEvent: () => false,
  }),
});

// Reports every observed element as visible at once, so lazily rendered scenes render in tests.
class IntersectionObserverPolyfill {
  constructor(callback, options = {}) {
    this.callback = callback;
    this.root = options.root ?? null;
    this.rootMargin = options.rootMargin ?? '0px';
    this.thresholds = Array.isArray(options.threshold) ? options.threshold : [options.threshold ?? 0];
  }
  observe(target) {
    const rect = target.getBoundingClientRect();
    this.callback(
      [
        {
          target,
          isIntersecting: true,
          intersectionRatio: 1,
          boundingClientRect: rect,
          intersectionRect: rect,
          rootBounds: null,
          time: Date.now(),
        },
      ],
      this
    );
  }
  unobserve() {}
  disconnect() {}
  takeRecords() {
    return [];
  }
}

class ResizeObserverPolyfill {
  constructor(callback) {
    this.callback = callback;
  }
  observe() {}
  unobserve() {}
  disconnect() {}
}

for (const [name, value] of [
  ['IntersectionObserver', IntersectionObserverPolyfill],
  ['ResizeObserver', ResizeObserverPolyfill],
]) {
  if (!(name in window)) {
    Object.defineProperty(window, name, { writable: true, configurable: true, value });
    Object.defineProperty(global, name, { writable: true, configurable: true, value });
  }
}

HTMLCanvasElement.prototype.getContext = () => null;
