import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PointRules } from '../../../common/points.js';
import { proposeStars, rankByTotal, scoreFact, toCents, yearPeriod } from './scoring.js';

const rules = (over: Partial<PointRules> = {}): PointRules => ({
  present: {
    reception: 2, visit: 2, inspection: 3, research: 3, training: 1, group: 1, theme: 2, joint_meeting: 2,
    deliberation: 2, report_back: 5, legal_education: 1, mediation: 2, other: 1,
  },
  absent: -1, leave: 0, organiser: 1, activitySuggestion: 2, caseCollected: 1, caseAnswered: 1, caseSatisfied: 2, caseBasicallySatisfied: 1,
  ...over,
});

describe('what a fact is worth', () => {
  const r = rules();
  it('pays attendance by the kind of activity, absence and leave by their own rules', () => {
    assert.deepEqual(scoreFact({ source: 'attendance', kind: 'report_back', attendance: 'present' }, r), { source: 'attendance', cents: 500, rule: 'present.report_back', value: 5 });
    assert.equal(scoreFact({ source: 'attendance', kind: 'report_back', attendance: 'absent' }, r).cents, -100);
    assert.deepEqual(scoreFact({ source: 'attendance', kind: 'visit', attendance: 'leave' }, r), { source: 'attendance', cents: 0, rule: 'leave', value: 0 });
  });

  it('shares an activity\'s suggestions among those present, in hundredths', () => {
    assert.equal(scoreFact({ source: 'activity_suggestion', suggestions: 3, present: 3 }, r).cents, 200);
    assert.equal(scoreFact({ source: 'activity_suggestion', suggestions: 2, present: 3 }, r).cents, 133, '2 × 2 ÷ 3 = 1.33');
    assert.equal(scoreFact({ source: 'activity_suggestion', suggestions: 2, present: 0 }, r).cents, 0);
  });

  it('pays case facts and ratings, nothing for an unsatisfied one', () => {
    assert.equal(scoreFact({ source: 'case_collected' }, r).cents, 100);
    assert.equal(scoreFact({ source: 'case_rated', rating: 'satisfied' }, r).cents, 200);
    assert.equal(scoreFact({ source: 'case_rated', rating: 'basically_satisfied' }, r).rule, 'caseBasicallySatisfied');
    assert.equal(scoreFact({ source: 'case_rated', rating: 'unsatisfied' }, r).cents, 0);
    assert.deepEqual(scoreFact({ source: 'bonus', cents: toCents(10) }, r), { source: 'bonus', cents: 1000, rule: null, value: null });
  });

  it('pays suggestions led, co-signed and rated by their own rules, by the defaults where a table predates them', () => {
    const own = rules({ suggestionLead: 5, suggestionCosigner: 2, suggestionSatisfied: 3, suggestionBasicallySatisfied: 1 });
    assert.deepEqual(scoreFact({ source: 'suggestion_lead' }, own), { source: 'suggestion_lead', cents: 500, rule: 'suggestionLead', value: 5 });
    assert.equal(scoreFact({ source: 'suggestion_cosigner' }, own).cents, 200);
    assert.equal(scoreFact({ source: 'suggestion_rated', rating: 'basically_satisfied' }, own).cents, 100);
    assert.equal(scoreFact({ source: 'suggestion_rated', rating: 'unsatisfied' }, own).cents, 0);
    assert.deepEqual(scoreFact({ source: 'suggestion_lead' }, r), { source: 'suggestion_lead', cents: 300, rule: 'suggestionLead', value: 3 });
    assert.equal(scoreFact({ source: 'suggestion_rated', rating: 'satisfied' }, r).cents, 100);
  });

  it('pays a mediation that reached agreement to those who sat in it, by the default where a table predates the rule', () => {
    assert.deepEqual(scoreFact({ source: 'mediation_agreement' }, r), { source: 'mediation_agreement', cents: 200, rule: 'mediationAgreement', value: 2 });
    assert.equal(scoreFact({ source: 'mediation_agreement' }, rules({ mediationAgreement: 3.5 })).cents, 350);
  });

  it('rounds decimal rule values to exact hundredths', () => {
    assert.equal(scoreFact({ source: 'organiser' }, rules({ organiser: 0.1 + 0.2 })).cents, 30);
  });
});

describe('years and rankings', () => {
  it('bounds a year in Beijing time', () => {
    const y = yearPeriod(2025);
    assert.equal(y.from.toISOString(), '2024-12-31T16:00:00.000Z');
    assert.equal(y.to.toISOString(), '2025-12-31T16:00:00.000Z');
  });

  it('gives equal totals the same rank and skips the places they take (1, 2, 2, 4)', () => {
    const ranked = rankByTotal([
      { name: '丁', cents: 200 }, { name: '甲', cents: 600 }, { name: '丙', cents: 400 }, { name: '乙', cents: 400 },
    ], (a, b) => a.name.localeCompare(b.name, 'zh'));
    assert.deepEqual(ranked.map((r) => [r.rank, r.name]), [[1, '甲'], [2, '丙'], [2, '乙'], [4, '丁']]);
    assert.deepEqual(rankByTotal([{ cents: 0 }, { cents: 0 }], () => 0).map((r) => r.rank), [1, 1]);
    assert.deepEqual(rankByTotal([], () => 0), []);
  });

  it('proposes the top N stars with everyone tied at the cut, and no one without points', () => {
    const ranked = rankByTotal([{ id: 1, cents: 900 }, { id: 2, cents: 500 }, { id: 3, cents: 500 }, { id: 4, cents: 100 }, { id: 5, cents: 0 }]
      .map((r) => ({ ...r, serving: true })), (a, b) => a.id - b.id);
    assert.deepEqual(proposeStars(ranked, 2).map((r) => r.id), [1, 2, 3]);
    assert.deepEqual(proposeStars(ranked, 1).map((r) => r.id), [1]);
    assert.deepEqual(proposeStars(ranked, 10).map((r) => r.id), [1, 2, 3, 4]);
    assert.deepEqual(proposeStars(ranked, 0), []);
  });

  it('counts the top N among deputies still serving, who keep their rank in the ranking', () => {
    const ranked = rankByTotal([
      { id: 1, cents: 900, serving: false }, { id: 2, cents: 500, serving: true }, { id: 3, cents: 400, serving: true },
      { id: 4, cents: 400, serving: false }, { id: 5, cents: 300, serving: true }, { id: 6, cents: 100, serving: true },
    ], (a, b) => a.id - b.id);
    assert.deepEqual(proposeStars(ranked, 2).map((r) => [r.id, r.rank]), [[2, 2], [3, 3]]);
    assert.deepEqual(proposeStars(ranked, 3).map((r) => r.id), [2, 3, 5]);
    assert.deepEqual(proposeStars(ranked, 10).map((r) => r.id), [2, 3, 5, 6]);
  });
});
