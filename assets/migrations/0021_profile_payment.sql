-- How and where to pay, in a service's own words ("Pay online at ... or by
-- phone on ..., quoting your reference"): a letter about a condition with
-- an amount (a financial penalty, compensation) says how to pay it, and is
-- refused naming this field while it is empty. Letters about nothing to pay
-- do not need it, so it may stay NULL.
ALTER TABLE service_profile ADD COLUMN payment TEXT;
