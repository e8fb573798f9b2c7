//! Read models (and screen-specific writes) for the case screen.
