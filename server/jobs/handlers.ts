/**
 * Every job handler the server runs, registered by importing its module. Workers claim only
 * the kinds registered here, so a new kind goes into this list.
 */
import '../notifications/deliver.js';
import './caseTimers.js';
import './maintenance.js';
