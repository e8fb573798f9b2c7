//! Read models (and screen-specific writes) for the deadlines screen.
