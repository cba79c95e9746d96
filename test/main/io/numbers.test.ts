import { describe, expect, it } from 'vitest';
import { formatExact, formatFixed, formatSci, parseNum, splitWs } from '../../../src-main/io/numbers.js';

describe('printf-compatible formatting', () => {
  // expected strings from C/Python printf on the same doubles (ties to even, signed zero)
  it('formats %.Nf like C', () => {
    expect(formatFixed(0.0078125, 6)).toBe('0.007812');
    expect(formatFixed(-0.0078125, 6)).toBe('-0.007812');
    expect(formatFixed(0.0234375, 6)).toBe('0.023438');
    expect(formatFixed(-0.0000001, 6)).toBe('-0.000000');
    expect(formatFixed(-0, 6)).toBe('-0.000000');
    expect(formatFixed(0.5, 0)).toBe('0');
    expect(formatFixed(2.5, 0)).toBe('2');
    expect(formatFixed(1.005, 2)).toBe('1.00');
    expect(formatFixed(-0.000001, 5)).toBe('-0.00000');
    expect(formatFixed(-539.749241612178, 12)).toBe('-539.749241612178');
    expect(formatFixed(-73.12715117751975, 6)).toBe('-73.127151');
    expect(formatFixed(69.48674738744654, 5)).toBe('69.48675');
    expect(formatFixed(2.86102294921875e-6, 6)).toBe('0.000003');
    expect(formatFixed(4.76837158203125e-6, 6)).toBe('0.000005');
  });

  it('formats %.16e like C', () => {
    expect(formatSci(0.1, 16)).toBe('1.0000000000000001e-01');
    expect(formatSci(-2.5e-310, 16)).toBe('-2.5000000000000171e-310');
    expect(formatSci(123456.789, 16)).toBe('1.2345678900000000e+05');
    expect(formatSci(-73.12715117751975, 16)).toBe('-7.3127151177519750e+01');
    expect(formatSci(-48.98619485211566, 16)).toBe('-4.8986194852115659e+01');
    expect(formatSci(9.5367431640625e-7, 16)).toBe('9.5367431640625000e-07');
    expect(formatSci(0, 16)).toBe('0.0000000000000000e+00');
    expect(formatSci(-0, 16)).toBe('-0.0000000000000000e+00');
  });

  it('writes shortest exact text', () => {
    for (const x of [0.1, -2.5e-7, 1 / 3, 5, -0, 1e300]) expect(Number(formatExact(x))).toBe(x);
    expect(formatExact(5)).toBe('5.0');
  });
});

describe('strict number parsing', () => {
  it('accepts decimal and Fortran exponents, rejects the rest', () => {
    expect(parseNum('1.5e-3')).toBe(1.5e-3);
    expect(parseNum('-2.0D+01')).toBe(-20);
    expect(parseNum('.5')).toBe(0.5);
    for (const bad of ['', 'abc', '0x10', '0b1', 'Infinity', '-Infinity', 'NaN', '1.2.3', '1e999', '\u0000'])
      expect(Number.isNaN(parseNum(bad)), bad).toBe(true);
  });

  it('splits on any ASCII whitespace', () => {
    expect(splitWs('  a\tb  c \r')).toEqual(['a', 'b', 'c']);
    expect(splitWs('   ')).toEqual([]);
  });
});
