/**
 * Every job handler the server runs, registered by importing its module. Workers claim only
 * the kinds registered here, so a new kind goes into this list.
 */
import '../notify/deliver.js';
import '../../features/cases/timers.js';
import './maintenance.js';
