import { describe, expect, it } from 'vitest';
import { followUpMetrics } from './follow-up-metrics';

const H = 3_600_000;

describe('followUpMetrics', () => {
  // Hand-computed: the delays in hours, then the median and the 90th percentile by type 7
  // (h = (n − 1) q, interpolated between ranks).
  it.each([
    ['no detractors', 0, [], { detractors: 0, contacted: 0, contactedWithin48h: 0, shareWithin48h: null, medianHoursToContact: null, p90HoursToContact: null }],
    ['detractors, none contacted', 4, [], { detractors: 4, contacted: 0, contactedWithin48h: 0, shareWithin48h: 0, medianHoursToContact: null, p90HoursToContact: null }],
    // 1, 3, 50 h: median 3; p90: h = 1.8 → 3 + 0.8 × 47 = 40.6. Two of five within 48 h: 40 %.
    ['odd count', 5, [1 * H, 3 * H, 50 * H], { detractors: 5, contacted: 3, contactedWithin48h: 2, shareWithin48h: 40, medianHoursToContact: 3, p90HoursToContact: 40.6 }],
    // 2, 4, 6, 48 h (exactly 48 counts as within): median 5; p90: h = 2.7 → 6 + 0.7 × 42 = 35.4.
    ['even count, 48 h on the dot', 4, [2 * H, 4 * H, 6 * H, 48 * H], { detractors: 4, contacted: 4, contactedWithin48h: 4, shareWithin48h: 100, medianHoursToContact: 5, p90HoursToContact: 35.4 }],
    // 90 minutes: 1.5 h.
    ['minutes in hours', 3, [90 * 60_000], { detractors: 3, contacted: 1, contactedWithin48h: 1, shareWithin48h: 33.3, medianHoursToContact: 1.5, p90HoursToContact: 1.5 }],
  ])('%s', (_name, detractors, delays, expected) => {
    expect(followUpMetrics(detractors, delays)).toEqual(expected);
  });
});
