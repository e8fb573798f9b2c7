//! Read models (and screen-specific writes) for the checklist screen.
