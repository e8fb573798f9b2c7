//! Read models (and screen-specific writes) for the agreements screen.
