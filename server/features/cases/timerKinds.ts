/**
 * The job kinds of the case timers. A module of its own, importing nothing, so the timers'
 * handlers can be registered while the modules that set the timers are still loading.
 */
export const CASE_REMIND = 'case.remind';
export const CASE_AUTO_CLOSE = 'case.auto_close';
