//! Read models (and screen-specific writes) for the intake screen.
