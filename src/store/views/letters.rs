//! Letters written for a case: reads and the audited write.
