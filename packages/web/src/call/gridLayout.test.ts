import { describe, expect, it } from 'vitest';
import { gridLayout } from './gridLayout';

describe('gridLayout', () => {
  it('fills one tile alone', () => {
    expect(gridLayout(1, 1200)).toEqual({ columns: 1, rows: 1 });
    expect(gridLayout(0, 1200)).toEqual({ columns: 1, rows: 0 });
  });

  it('puts two people side by side, also on a 360 px phone', () => {
    expect(gridLayout(2, 1200)).toEqual({ columns: 2, rows: 1 });
    expect(gridLayout(2, 360)).toEqual({ columns: 2, rows: 1 });
  });

  it('stacks two tiles only when the space is tiny', () => {
    expect(gridLayout(2, 280)).toEqual({ columns: 1, rows: 2 });
  });

  it('uses a 2x2 grid for three and four people at any width', () => {
    for (const width of [360, 800, 1600]) {
      expect(gridLayout(3, width)).toEqual({ columns: 2, rows: 2 });
      expect(gridLayout(4, width)).toEqual({ columns: 2, rows: 2 });
    }
  });

  it('adds a third column for people plus screen shares on wide screens only', () => {
    expect(gridLayout(5, 1200)).toEqual({ columns: 3, rows: 2 });
    expect(gridLayout(6, 360)).toEqual({ columns: 2, rows: 3 });
  });
});
