-- casedesk schema, version 1. Never edit once shipped: add a new numbered file.
-- Model: DOMAIN.md §12.2. Dates are ISO-8601 text (YYYY-MM-DD); instants are UTC
-- text (YYYY-MM-DDTHH:MM:SSZ). Money is integer pence.

-- ===== reference data =====
CREATE TABLE rule (
    id            TEXT PRIMARY KEY,
    regime        TEXT NOT NULL DEFAULT 'ANY',
    disposal_type TEXT NOT NULL DEFAULT '*',
    key           TEXT NOT NULL,
    value         REAL NOT NULL,
    unit          TEXT NOT NULL,
    source        TEXT NOT NULL,
    confidence    TEXT NOT NULL CHECK (confidence IN ('verified', 'partial', 'unverified')),
    effective_from TEXT,
    effective_to   TEXT
);

CREATE TABLE bank_holiday (
    date   TEXT PRIMARY KEY,
    name   TEXT NOT NULL,
    source TEXT NOT NULL CHECK (source IN ('computed', 'govuk_json', 'manual'))
);

CREATE TABLE provider (
    id    INTEGER PRIMARY KEY,
    name  TEXT NOT NULL UNIQUE,
    kind  TEXT NOT NULL CHECK (kind IN ('course', 'unpaid_work', 'substance_misuse', 'mediation',
                                        'rj_service', 'yot', 'other')),
    contact TEXT,
    email   TEXT,
    phone   TEXT,
    sla_ack_working_days INTEGER NOT NULL DEFAULT 5,
    active  INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE coordinator (
    id    INTEGER PRIMARY KEY,
    name  TEXT NOT NULL,
    organisation TEXT,
    rjc_level TEXT CHECK (rjc_level IN ('foundation', 'intermediate', 'advanced')),
    accreditation_expires TEXT,
    active INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE community_remedy_option (
    id     INTEGER PRIMARY KEY,
    label  TEXT NOT NULL,
    object TEXT NOT NULL CHECK (object IN ('rehabilitation', 'reparation', 'punishment')),
    active INTEGER NOT NULL DEFAULT 1,
    pcc_version TEXT
);

-- Human references (OOCD-2026-0107) are numbered per prefix and year.
CREATE TABLE ref_counter (
    prefix TEXT NOT NULL,
    year   INTEGER NOT NULL,
    last   INTEGER NOT NULL,
    PRIMARY KEY (prefix, year)
);

-- ===== cases: one table for both kinds =====
-- An OOCD case and an RJ / mediation referral share identity, people, contact
-- log, letters and audit; the OOCD-only facts live in oocd_disposal.
CREATE TABLE case_file (
    id          INTEGER PRIMARY KEY,
    ref         TEXT NOT NULL UNIQUE,
    service     TEXT NOT NULL CHECK (service IN ('oocd', 'restorative_justice', 'mediation')),
    source      TEXT NOT NULL CHECK (source IN ('police', 'victim_self', 'offender_self', 'yot', 'probation',
                    'prison', 'victim_services', 'housing', 'local_authority', 'oocd_condition',
                    'court_presentence', 'other')),
    status      TEXT NOT NULL,
    paused_from TEXT,
    status_changed_on TEXT NOT NULL,
    received_on TEXT NOT NULL,
    referrer_name    TEXT,
    referrer_contact TEXT,
    crime_ref   TEXT,
    offence_desc TEXT,
    offence_date TEXT,
    offence_mode TEXT CHECK (offence_mode IN ('summary', 'either_way', 'indictable_only')),
    cjs_stage   TEXT NOT NULL DEFAULT 'unknown' CHECK (cjs_stage IN ('no_cjs_asb', 'pre_charge_oocd',
                    'post_charge_pre_sentence', 'post_sentence_community', 'post_sentence_custody', 'unknown')),
    flag_domestic_abuse  INTEGER NOT NULL DEFAULT 0,
    flag_intimate_partner INTEGER NOT NULL DEFAULT 0,
    flag_hate_crime      INTEGER NOT NULL DEFAULT 0,
    flag_sexual          INTEGER NOT NULL DEFAULT 0,
    flag_knife           INTEGER NOT NULL DEFAULT 0,
    flag_youth           INTEGER NOT NULL DEFAULT 0,
    harm_summary TEXT,
    notes        TEXT,
    coordinator_id INTEGER REFERENCES coordinator (id),
    linked_case_id INTEGER REFERENCES case_file (id),
    transferred_on TEXT,
    victim_rj_info_due TEXT,
    victim_rj_info_given_on TEXT,
    closed_on    TEXT,
    closure_outcome TEXT,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);
CREATE INDEX case_file_service_status ON case_file (service, status, received_on);
CREATE INDEX case_file_crime_ref ON case_file (crime_ref);
CREATE INDEX case_file_received ON case_file (received_on);
CREATE INDEX case_file_victim_info_due ON case_file (victim_rj_info_due) WHERE victim_rj_info_due IS NOT NULL;
-- The Case screen lists cases most recently changed first.
CREATE INDEX case_file_changed ON case_file (status_changed_on, id);

CREATE TABLE oocd_disposal (
    id            INTEGER PRIMARY KEY,
    case_id       INTEGER NOT NULL UNIQUE REFERENCES case_file (id),
    regime        TEXT NOT NULL CHECK (regime IN ('CJA2003', 'CDA1998', 'PCSC2022', 'COMMON_LAW')),
    disposal_type TEXT NOT NULL CHECK (disposal_type IN ('community_resolution', 'adult_conditional_caution',
                      'youth_conditional_caution', 'youth_caution', 'diversionary_caution',
                      'community_caution', 'outcome22_diversion')),
    gravity_score  INTEGER CHECK (gravity_score BETWEEN 1 AND 5),
    gravity_matrix TEXT,
    decision_rationale TEXT,
    admission_recorded_on  TEXT,
    consent_recorded_on    TEXT,
    signed_document_ref    TEXT,
    victim_views_sought_on TEXT,
    victim_views           TEXT,
    victim_preferred_remedy_id INTEGER REFERENCES community_remedy_option (id),
    authorised_by   TEXT,
    cps_decision_ref TEXT,
    issued_on       TEXT,
    completion_due  TEXT,
    completion_due_rule TEXT,
    extended_exceptionally INTEGER NOT NULL DEFAULT 0,
    ho_outcome_code TEXT,
    oic_name    TEXT,
    oic_contact TEXT
);

-- ===== people =====
CREATE TABLE person (
    id           INTEGER PRIMARY KEY,
    family_name  TEXT NOT NULL,
    given_names  TEXT NOT NULL,
    dob          TEXT,
    age_band     TEXT,
    contact_pref TEXT,
    phone        TEXT,
    email        TEXT,
    address      TEXT,
    interpreter_language TEXT,
    needs_appropriate_adult INTEGER NOT NULL DEFAULT 0,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);
CREATE INDEX person_name_dob ON person (family_name, given_names, dob);

CREATE TABLE case_party (
    id        INTEGER PRIMARY KEY,
    case_id   INTEGER NOT NULL REFERENCES case_file (id),
    person_id INTEGER NOT NULL REFERENCES person (id),
    role      TEXT NOT NULL CHECK (role IN ('offender', 'harmed', 'witness', 'supporter',
                  'appropriate_adult', 'parent_guardian', 'referrer', 'other')),
    data_subject_category TEXT NOT NULL CHECK (data_subject_category IN ('suspect', 'convicted',
                  'victim', 'witness', 'other')),
    UNIQUE (case_id, person_id, role)
);
CREATE INDEX case_party_person ON case_party (person_id);

-- ===== checklist, risk and decisions (RJ / mediation) =====
CREATE TABLE checklist_answer (
    id        INTEGER PRIMARY KEY,
    case_id   INTEGER NOT NULL REFERENCES case_file (id),
    item_code TEXT NOT NULL,
    answer    TEXT NOT NULL CHECK (answer IN ('yes', 'no', 'unknown', 'n/a')),
    severity  TEXT CHECK (severity IN ('low', 'medium', 'high')),
    note      TEXT NOT NULL DEFAULT '',
    nature    TEXT NOT NULL DEFAULT 'assessment' CHECK (nature IN ('fact', 'assessment')),
    checked_by TEXT NOT NULL,
    checked_on TEXT NOT NULL,
    UNIQUE (case_id, item_code)
);

CREATE TABLE risk_assessment (
    id          INTEGER PRIMARY KEY,
    case_id     INTEGER NOT NULL REFERENCES case_file (id),
    version     INTEGER NOT NULL,
    assessed_on TEXT NOT NULL,
    assessor    TEXT NOT NULL,
    overall     TEXT NOT NULL CHECK (overall IN ('low', 'medium', 'high', 'unsafe')),
    mitigations TEXT,
    supervisor_signoff_by TEXT,
    supervisor_signoff_on TEXT,
    next_review_on TEXT,
    UNIQUE (case_id, version)
);

CREATE TABLE decision (
    id          INTEGER PRIMARY KEY,
    case_id     INTEGER NOT NULL REFERENCES case_file (id),
    decided_on  TEXT NOT NULL,
    decision    TEXT NOT NULL CHECK (decision IN ('suitable', 'not_suitable', 'refer_to_manager')),
    risk_level  TEXT NOT NULL CHECK (risk_level IN ('low', 'medium', 'high', 'unsafe')),
    rationale   TEXT NOT NULL CHECK (length(trim(rationale)) > 0),
    decided_by  TEXT NOT NULL,
    manager_signoff_by TEXT,
    manager_signoff_on TEXT
);
CREATE INDEX decision_case ON decision (case_id, id);
CREATE INDEX decision_day ON decision (decided_on);

-- ===== OOCD conditions, compliance and breaches =====
CREATE TABLE condition (
    id        INTEGER PRIMARY KEY,
    case_id   INTEGER NOT NULL REFERENCES case_file (id),
    seq       INTEGER NOT NULL,
    kind      TEXT NOT NULL CHECK (kind IN ('rehab_course', 'rehab_referral_support', 'attendance', 'unpaid_work',
                  'reparation_apology_letter', 'reparation_apology_verbal', 'reparation_repair_damage',
                  'reparation_compensation', 'reparation_rj_participation', 'financial_penalty',
                  'restrictive_no_contact', 'restrictive_exclusion_area', 'restrictive_activity',
                  'restrictive_conduct', 'foreign_offender_departure', 'sobriety',
                  'acceptable_behaviour_contract', 'other')),
    object    TEXT NOT NULL CHECK (object IN ('rehabilitation', 'reparation', 'punishment', 'restriction',
                  'foreign_offender')),
    is_statutory_condition INTEGER NOT NULL,
    description TEXT NOT NULL,
    provider_id INTEGER REFERENCES provider (id),
    community_remedy_option_id INTEGER REFERENCES community_remedy_option (id),
    hours_required  REAL CHECK (hours_required IS NULL OR hours_required >= 0),
    hours_completed REAL NOT NULL DEFAULT 0,
    amount_pence    INTEGER CHECK (amount_pence IS NULL OR amount_pence >= 0),
    amount_paid_pence INTEGER NOT NULL DEFAULT 0,
    payee     TEXT,
    restriction_until TEXT,
    due_on    TEXT NOT NULL,
    due_rule  TEXT,
    status    TEXT NOT NULL CHECK (status IN ('draft', 'active', 'referred', 'booked', 'in_progress',
                  'completed', 'not_completed', 'breached', 'varied', 'withdrawn')),
    completed_on TEXT,
    evidence  TEXT,
    UNIQUE (case_id, seq)
);
-- Today and Deadlines read open conditions by due date; the partial index
-- keeps that read proportional to open work, not to history.
CREATE INDEX condition_open_due ON condition (due_on)
    WHERE status IN ('active', 'referred', 'booked', 'in_progress', 'varied');
CREATE INDEX condition_provider_open_due ON condition (provider_id, due_on)
    WHERE status IN ('active', 'referred', 'booked', 'in_progress', 'varied');
CREATE INDEX condition_case ON condition (case_id);
CREATE INDEX condition_completed_on ON condition (completed_on) WHERE completed_on IS NOT NULL;

CREATE TABLE provider_referral (
    id           INTEGER PRIMARY KEY,
    condition_id INTEGER NOT NULL REFERENCES condition (id),
    sent_on      TEXT NOT NULL,
    ack_due      TEXT NOT NULL,
    acknowledged_on TEXT,
    booked_for   TEXT,
    attended     INTEGER,
    report_received_on TEXT,
    notes        TEXT
);
CREATE INDEX provider_referral_unacked ON provider_referral (ack_due) WHERE acknowledged_on IS NULL;

CREATE TABLE compliance_event (
    id           INTEGER PRIMARY KEY,
    condition_id INTEGER NOT NULL REFERENCES condition (id),
    occurred_on  TEXT NOT NULL,
    type         TEXT NOT NULL CHECK (type IN ('attended', 'missed', 'partial', 'payment', 'completed',
                     'provider_report', 'non_compliance_reported', 'excuse_claimed', 'variation_requested',
                     'variation_agreed', 'restriction_breach_reported')),
    amount_pence INTEGER,
    hours        REAL,
    note         TEXT NOT NULL DEFAULT '',
    nature       TEXT NOT NULL DEFAULT 'fact' CHECK (nature IN ('fact', 'assessment'))
);
CREATE INDEX compliance_event_day ON compliance_event (occurred_on);
CREATE INDEX compliance_event_condition ON compliance_event (condition_id);

CREATE TABLE breach (
    id            INTEGER PRIMARY KEY,
    case_id       INTEGER NOT NULL REFERENCES case_file (id),
    condition_id  INTEGER REFERENCES condition (id),
    identified_on TEXT NOT NULL,
    description   TEXT NOT NULL,
    reasonable_excuse_claimed INTEGER NOT NULL DEFAULT 0,
    excuse_assessment TEXT,
    referred_to   TEXT,
    referred_on   TEXT,
    decision      TEXT NOT NULL DEFAULT 'pending' CHECK (decision IN ('pending', 'prosecute_original_offence',
                      'vary_conditions', 'no_further_action', 'financial_penalty_imposed', 'fine_registered')),
    decision_on   TEXT,
    new_due_on    TEXT,
    status        TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'decided'))
);
CREATE INDEX breach_identified ON breach (identified_on);
CREATE INDEX breach_decided ON breach (decision_on) WHERE decision_on IS NOT NULL;
CREATE INDEX breach_case ON breach (case_id);
CREATE INDEX breach_open_condition ON breach (condition_id) WHERE status = 'open';

-- ===== restorative processes and outcome agreements =====
CREATE TABLE rj_process (
    id        INTEGER PRIMARY KEY,
    case_id   INTEGER NOT NULL REFERENCES case_file (id),
    kind      TEXT NOT NULL CHECK (kind IN ('face_to_face_conference', 'community_conference', 'shuttle_indirect',
                  'letter_exchange', 'letter_of_apology', 'recorded_message', 'video_call', 'phone_call',
                  'mediation_joint_meeting', 'mediation_shuttle')),
    scheduled_for TEXT,
    venue     TEXT,
    room_booked INTEGER NOT NULL DEFAULT 0,
    refreshments TEXT,
    facilitators TEXT NOT NULL DEFAULT '',
    participants TEXT NOT NULL DEFAULT '',
    supporters_present TEXT,
    held_on   TEXT,
    status    TEXT NOT NULL CHECK (status IN ('planned', 'confirmed', 'held', 'postponed', 'cancelled')),
    cancellation_reason TEXT
);
CREATE INDEX rj_process_scheduled ON rj_process (scheduled_for) WHERE status IN ('planned', 'confirmed');
CREATE INDEX rj_process_case ON rj_process (case_id);
CREATE INDEX rj_process_status ON rj_process (status, case_id);

CREATE TABLE outcome_agreement (
    id         INTEGER PRIMARY KEY,
    process_id INTEGER NOT NULL REFERENCES rj_process (id),
    agreed_on  TEXT NOT NULL,
    signed_by_harmed INTEGER NOT NULL DEFAULT 0,
    signed_by_responsible INTEGER NOT NULL DEFAULT 0,
    copies_given INTEGER NOT NULL DEFAULT 0,
    review_on  TEXT,
    linked_condition_id INTEGER REFERENCES condition (id),
    status     TEXT NOT NULL CHECK (status IN ('active', 'completed', 'partially_completed', 'not_completed',
                   'none_wanted')),
    harmed_party_informed_of_result_on TEXT
);
CREATE INDEX outcome_agreement_process ON outcome_agreement (process_id);
CREATE INDEX outcome_agreement_agreed ON outcome_agreement (agreed_on, id);
CREATE INDEX outcome_agreement_informed ON outcome_agreement (harmed_party_informed_of_result_on)
    WHERE harmed_party_informed_of_result_on IS NOT NULL;

CREATE TABLE agreement_item (
    id           INTEGER PRIMARY KEY,
    agreement_id INTEGER NOT NULL REFERENCES outcome_agreement (id),
    seq          INTEGER NOT NULL,
    description  TEXT NOT NULL,
    responsible_person_id INTEGER REFERENCES person (id),
    owner        TEXT,
    kind         TEXT NOT NULL CHECK (kind IN ('apology', 'restitution_payment', 'repair_work', 'community_work',
                     'engage_support', 'behaviour_undertaking', 'no_contact',
                     'ongoing_contact_via_third_party', 'other')),
    amount_pence INTEGER CHECK (amount_pence IS NULL OR amount_pence >= 0),
    amount_paid_pence INTEGER NOT NULL DEFAULT 0,
    due_on       TEXT NOT NULL,
    monitoring_method TEXT,
    status       TEXT NOT NULL CHECK (status IN ('open', 'done', 'overdue', 'not_done', 'waived')),
    completed_on TEXT,
    evidence     TEXT,
    UNIQUE (agreement_id, seq)
);
CREATE INDEX agreement_item_open_due ON agreement_item (due_on) WHERE status IN ('open', 'overdue');
CREATE INDEX agreement_item_completed ON agreement_item (completed_on) WHERE completed_on IS NOT NULL;

CREATE TABLE feedback (
    id           INTEGER PRIMARY KEY,
    case_id      INTEGER NOT NULL REFERENCES case_file (id),
    person_role  TEXT NOT NULL,
    collected_on TEXT NOT NULL,
    satisfied    INTEGER CHECK (satisfied BETWEEN 1 AND 5),
    would_recommend INTEGER,
    comments     TEXT
);

-- ===== contact log =====
CREATE TABLE contact_log (
    id          INTEGER PRIMARY KEY,
    case_id     INTEGER NOT NULL REFERENCES case_file (id),
    person_id   INTEGER REFERENCES person (id),
    occurred_on TEXT NOT NULL,
    channel     TEXT NOT NULL CHECK (channel IN ('phone', 'email', 'letter', 'visit', 'video', 'sms', 'other')),
    direction   TEXT NOT NULL CHECK (direction IN ('in', 'out')),
    summary     TEXT NOT NULL,
    outcome     TEXT,
    follow_up_on TEXT,
    follow_up_done INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX contact_log_follow_up ON contact_log (follow_up_on) WHERE follow_up_done = 0;
CREATE INDEX contact_log_day ON contact_log (occurred_on);
CREATE INDEX contact_log_case ON contact_log (case_id);

-- ===== letters =====
-- Each standard letter written for a case: which template, to whom, where the
-- file went. Writing one is also logged as a disclosure in audit_log.
CREATE TABLE letter (
    id         INTEGER PRIMARY KEY,
    case_id    INTEGER NOT NULL REFERENCES case_file (id),
    template   TEXT NOT NULL,
    recipient  TEXT NOT NULL,
    format     TEXT NOT NULL CHECK (format IN ('docx', 'md')),
    path       TEXT NOT NULL,
    written_on TEXT NOT NULL,
    written_by TEXT NOT NULL
);
CREATE INDEX letter_case ON letter (case_id, id);

-- ===== governance =====
CREATE TABLE retention (
    id          INTEGER PRIMARY KEY,
    case_id     INTEGER NOT NULL UNIQUE REFERENCES case_file (id),
    closed_on   TEXT NOT NULL,
    review_due  TEXT NOT NULL,
    decision    TEXT CHECK (decision IN ('retain', 'dispose')),
    decided_on  TEXT,
    decided_by  TEXT,
    rationale   TEXT
);
CREATE INDEX retention_due ON retention (review_due) WHERE decision IS NULL;

-- DPA 2018 s.62 log. Append-only: the triggers refuse change, and each row's
-- hash covers the previous row's, so an edit, a deletion or a reordering made
-- outside SQLite's rules is detected by `casedesk check`.
CREATE TABLE audit_log (
    id        INTEGER PRIMARY KEY,
    -- Rows written by one transaction share a txn number, so undo can
    -- reverse a whole change (a completion and its compliance event) at once.
    txn       INTEGER NOT NULL,
    at_utc    TEXT NOT NULL,
    user      TEXT NOT NULL,
    op        TEXT NOT NULL CHECK (op IN ('collect', 'alter', 'consult', 'disclose', 'combine', 'erase',
                  'export', 'login', 'logout')),
    entity    TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    case_id   INTEGER,
    before_json TEXT,
    after_json  TEXT,
    justification TEXT,
    recipient TEXT,
    prev_hash TEXT NOT NULL,
    hash      TEXT NOT NULL UNIQUE
);
CREATE INDEX audit_log_case ON audit_log (case_id, id);
CREATE INDEX audit_log_day ON audit_log (at_utc);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;

-- ===== search =====
-- One FTS5 row per case (reference, crime reference, offence, notes) and one
-- per person (names), kept in step by triggers. rowid = id*2 for a case and
-- id*2+1 for a person, so updates and deletes find their row by rowid.
CREATE VIRTUAL TABLE search_index USING fts5 (body, tokenize = 'unicode61 remove_diacritics 2');

CREATE TRIGGER case_file_search_insert AFTER INSERT ON case_file
BEGIN
    INSERT INTO search_index (rowid, body) VALUES (new.id * 2,
        new.ref || ' ' || coalesce(new.crime_ref, '') || ' ' || coalesce(new.offence_desc, '') || ' '
        || coalesce(new.notes, '') || ' ' || coalesce(new.harm_summary, '') || ' ' || coalesce(new.referrer_name, ''));
END;
CREATE TRIGGER case_file_search_update AFTER UPDATE ON case_file
BEGIN
    DELETE FROM search_index WHERE rowid = old.id * 2;
    INSERT INTO search_index (rowid, body) VALUES (new.id * 2,
        new.ref || ' ' || coalesce(new.crime_ref, '') || ' ' || coalesce(new.offence_desc, '') || ' '
        || coalesce(new.notes, '') || ' ' || coalesce(new.harm_summary, '') || ' ' || coalesce(new.referrer_name, ''));
END;
CREATE TRIGGER case_file_search_delete AFTER DELETE ON case_file
BEGIN
    DELETE FROM search_index WHERE rowid = old.id * 2;
END;
CREATE TRIGGER person_search_insert AFTER INSERT ON person
BEGIN
    INSERT INTO search_index (rowid, body) VALUES (new.id * 2 + 1, new.given_names || ' ' || new.family_name);
END;
CREATE TRIGGER person_search_update AFTER UPDATE ON person
BEGIN
    DELETE FROM search_index WHERE rowid = old.id * 2 + 1;
    INSERT INTO search_index (rowid, body) VALUES (new.id * 2 + 1, new.given_names || ' ' || new.family_name);
END;
CREATE TRIGGER person_search_delete AFTER DELETE ON person
BEGIN
    DELETE FROM search_index WHERE rowid = old.id * 2 + 1;
END;

-- Undo reads the change log; this records which transactions were undone.
CREATE TABLE undo_log (
    txn        INTEGER PRIMARY KEY,
    undone_at  TEXT NOT NULL,
    undone_by_txn INTEGER NOT NULL
);
