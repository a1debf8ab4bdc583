import { z } from 'zod';
import { CivilDate } from '../../platform/http/schemas.js';

/** The delivery actions on an adopted project; the project rule table (workflow.ts) says who takes which, from which state. */
export const DELIVERY_ACTIONS = [
  'start', 'record_milestone', 'record_spending', 'add_photo', 'complete', 'evaluate', 'open_rectification', 'close_rectification', 'remind',
] as const;
export type DeliveryAction = (typeof DELIVERY_ACTIONS)[number];

const Milestone = z.object({ title: z.string().trim().min(1).max(200), plannedOn: CivilDate });

/** A photo sent with `add_photo`, base64 in JSON; its type is judged by its content (JPEG, PNG, WebP). */
const Photo = z.object({
  name: z.string().trim().min(1).max(200),
  data: z.string().min(1),
  caption: z.string().trim().max(500).default(''),
  public: z.boolean().default(true),
});

/**
 * The fields the delivery actions take in the body of `POST /api/livelihood/projects/{id}/actions`
 * (the comment is a note, the acceptance's remarks, what a rectification asks or how it was put
 * right). Each action checks that what it needs is there (REQUIRED) and ignores the rest.
 */
export const DELIVERY_FIELDS = {
  /** start: the day work started (default today) and the milestones planned. */
  startedOn: CivilDate.optional(),
  milestones: z.array(Milestone).max(30).optional(),
  /** record_milestone: a milestone planned … */
  milestone: Milestone.optional(),
  /** … or one done (record_milestone, on the day `doneOn`, default today); add_photo: the milestone the photos show. */
  milestoneId: z.number().int().positive().optional(),
  doneOn: CivilDate.optional(),
  /** record_spending: money executed (预算执行). */
  spending: z.object({ spentOn: CivilDate, amountYuan: z.number().int().positive().max(99_999_999_999) }).optional(),
  /** add_photo: progress photos. */
  photos: z.array(Photo).min(1).max(9).optional(),
  /** complete (验收): the day of acceptance and how many people it serves. */
  acceptance: z.object({ acceptedOn: CivilDate, beneficiaries: z.number().int().min(0).max(100_000_000).nullable().default(null) }).optional(),
  /** open_rectification: by when (default three months on). */
  dueOn: CivilDate.optional(),
  /** close_rectification: the item put right. */
  rectificationId: z.number().int().positive().optional(),
};

export const DeliveryFields = z.object(DELIVERY_FIELDS);
export type DeliveryFields = z.infer<typeof DeliveryFields>;
