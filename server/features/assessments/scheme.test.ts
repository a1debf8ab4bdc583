import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assess, checklistShare, gradeOf, receptionRate, schemeFor, schemeProblems, type AssessmentScheme } from './scheme.js';

const scheme: AssessmentScheme = {
  indicators: [
    { key: 'activities', weight: 20, target: 24 },
    { key: 'receptionRate', weight: 20, target: 0.9 },
    { key: 'opinions', weight: 15, target: 30 },
    { key: 'onTimeRate', weight: 15, target: 0.95 },
    { key: 'satisfactionRate', weight: 15, target: 0.9 },
    { key: 'checklist', weight: 15, target: 1 },
  ],
  grades: { first: 85, second: 70 },
};

describe('station assessment', () => {
  it('scores each indicator against its target, capped at its weight', () => {
    const result = assess({ activities: 12, receptionRate: 0.9, opinions: 45, onTimeRate: 0.95, satisfactionRate: 0.45, checklist: 0.6 }, scheme);
    assert.deepEqual(result.indicators.map((i) => i.score), [10, 20, 15, 15, 7.5, 9]);
    assert.equal(result.score, 76.5);
    assert.equal(result.grade, 'second');
  });

  it('leaves out what does not apply and scales the rest to 100', () => {
    const result = assess({ activities: 24, receptionRate: null, opinions: 30, onTimeRate: null, satisfactionRate: 0.9, checklist: 1 }, scheme);
    assert.deepEqual(result.indicators.map((i) => i.score), [20, null, 15, null, 15, 15]);
    assert.equal(result.score, 100);
    assert.equal(assess({ activities: null, receptionRate: null, opinions: null, onTimeRate: null, satisfactionRate: null, checklist: null }, scheme).score, 0);
  });

  it('grades by the thresholds: at a threshold is in that grade', () => {
    assert.equal(gradeOf(85, scheme.grades), 'first');
    assert.equal(gradeOf(84.9, scheme.grades), 'second');
    assert.equal(gradeOf(70, scheme.grades), 'second');
    assert.equal(gradeOf(69.9, scheme.grades), 'third');
    assert.equal(gradeOf(95, { first: 96, second: 90 }), 'second', 'thresholds are configurable');
  });

  it('checks a scheme: weights add up to 100, grade I above grade II, no indicator twice', () => {
    assert.deepEqual(schemeProblems(scheme), []);
    assert.deepEqual(schemeProblems({ ...scheme, indicators: scheme.indicators.slice(1) }).map((p) => p.code), ['WEIGHTS_NOT_100']);
    assert.deepEqual(schemeProblems({ ...scheme, grades: { first: 70, second: 70 } }).map((p) => p.code), ['GRADE_THRESHOLDS_ORDER']);
    const twice = { ...scheme, indicators: [{ key: 'activities' as const, weight: 50, target: 10 }, { key: 'activities' as const, weight: 50, target: 10 }] };
    assert.deepEqual(schemeProblems(twice).map((p) => p.code), ['DUPLICATE_VALUES']);
  });

  it('takes the scheme of the nearest region that applies by the year', () => {
    const schemes = [
      { ...scheme, id: 1, regionPath: '', fromYear: 2000 },
      { ...scheme, id: 2, regionPath: '420000.420600.420684.', fromYear: 2022 },
      { ...scheme, id: 3, regionPath: '420000.420600.420684.', fromYear: 2025 },
    ];
    assert.equal(schemeFor(schemes, '420000.420600.420684.420684109.', 2021)?.id, 1);
    assert.equal(schemeFor(schemes, '420000.420600.420684.420684109.', 2024)?.id, 2);
    assert.equal(schemeFor(schemes, '420000.420600.420684.420684109.', 2026)?.id, 3);
    assert.equal(schemeFor(schemes, '450000.451100.451103.', 2026)?.id, 1);
  });

  it('measures the checklist and the reception days', () => {
    assert.equal(checklistShare({ has_venue: true, has_sign: true, has_deputies: true, unknown_item: true }), 3 / 15);
    assert.equal(receptionRate(9, 12), 0.75);
    assert.equal(receptionRate(0, 0), null);
  });
});
