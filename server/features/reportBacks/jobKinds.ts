/** The job kinds of report-backs (their handlers are in timers.ts). */
export const EVALUATION_CLOSE = 'reportBack.closeEvaluation';
export const ISSUE_REMIND = 'reportBack.issueRemind';
