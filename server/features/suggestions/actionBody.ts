import { z } from 'zod';
import { SUGGESTION_ACTIONS } from './workflow.js';

/** A file sent with an action (答复函 PDF, photos), base64 in JSON, public or internal. */
export const ActionFile = z.object({
  name: z.string().trim().min(1).max(200),
  /** The file's bytes, base64. Its type is judged by its content (PDF, JPEG, PNG, WebP). */
  data: z.string().min(1),
  public: z.boolean().default(false),
});

export const UnitPart = z.object({ unitId: z.number().int().positive(), part: z.string().trim().max(2000).default('') });

/**
 * The body of `POST /api/suggestions/{id}/actions`: the action, its comment (a reason, the
 * answer's text, a view, a note) and the fields the action takes; each handler checks that
 * what it needs is there (VALIDATION_FAILED, REQUIRED) and ignores the rest.
 */
export const ActionBody = z.object({
  action: z.enum(SUGGESTION_ACTIONS),
  comment: z.string().max(20000).nullish(),
  /** invite: the deputies asked to co-sign. */
  deputyIds: z.array(z.number().int().positive()).max(200).optional(),
  /** assign, grant_reassignment: the lead unit and its part, the co-units and theirs, a complex suggestion (6 months). */
  leadUnit: UnitPart.optional(),
  coUnits: z.array(UnitPart).max(20).optional(),
  complex: z.boolean().optional(),
  /** record_contact: when, at which stage and how (the comment is the note). */
  contact: z.object({
    stage: z.enum(['before', 'during', 'after']),
    mode: z.enum(['phone', 'meeting', 'site_visit', 'letter', 'online']),
    on: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  }).optional(),
  /** answer: the letter's category, who signed it and what it commits to (the comment is the letter's text). */
  answer: z.object({
    category: z.enum(['A', 'B', 'C']),
    signedBy: z.string().trim().min(1).max(100),
    commitments: z.array(z.object({ body: z.string().trim().min(1).max(2000), dueOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) })).max(50).default([]),
  }).optional(),
  /** rate, add_rating. */
  rating: z.enum(['satisfied', 'basically_satisfied', 'unsatisfied']).optional(),
  /** report_progress: commitments now kept, each with a note. */
  commitmentsDone: z.array(z.object({ id: z.number().int().positive(), note: z.string().trim().min(1).max(2000) })).max(50).optional(),
  /** flag_key: the leading official and the plan. */
  keyLeader: z.string().trim().min(1).max(100).optional(),
  keyPlan: z.string().trim().min(1).max(2000).optional(),
  /** set_publication. */
  published: z.boolean().optional(),
  /** convert_to_case: the station that receives the case (default: the lead deputy's first station). */
  stationId: z.number().int().positive().optional(),
  /** answer, send_view, report_progress: files. */
  files: z.array(ActionFile).max(10).optional(),
});
export type ActionBody = z.infer<typeof ActionBody>;
