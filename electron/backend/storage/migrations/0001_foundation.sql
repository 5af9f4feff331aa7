-- 0001 foundation: project metadata, the objective (step 0), the "should I use ML?" checklist,
-- per-step state overrides (a later step flags an earlier one as needing attention) and the jobs
-- table every background job writes its state to.

CREATE TABLE project_meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

-- One row at most: the project has one objective.
CREATE TABLE objective (
  id             INTEGER PRIMARY KEY CHECK (id = 1),
  inputs         TEXT NOT NULL,
  target         TEXT NOT NULL,
  target_column  TEXT,
  task_type      TEXT NOT NULL CHECK (task_type IN ('classification', 'regression')),
  metric         TEXT NOT NULL,
  threshold      REAL NOT NULL,
  positive_class TEXT,
  cost_notes     TEXT NOT NULL,
  updated_at     TEXT NOT NULL
) STRICT;

-- One row per question; a question never answered has no row (or a NULL value with a note).
CREATE TABLE checklist_answers (
  question   TEXT PRIMARY KEY,
  value      TEXT CHECK (value IS NULL OR value IN ('yes', 'no', 'unsure')),
  note       TEXT NOT NULL DEFAULT '',
  updated_at TEXT NOT NULL
) STRICT;

-- The verdict as it was computed when the answers were last saved (kept for reports and the CLI;
-- the UI recomputes it from the answers with the same function).
CREATE TABLE checklist_verdict (
  id           INTEGER PRIMARY KEY CHECK (id = 1),
  kind         TEXT NOT NULL,
  reasons_json TEXT NOT NULL,
  updated_at   TEXT NOT NULL
) STRICT;

-- A later step that finds a problem upstream (drift found by Monitor -> Data) records it here;
-- lifecycle.status shows it over the computed state until it is cleared.
CREATE TABLE step_state_overrides (
  step       TEXT PRIMARY KEY,
  state      TEXT NOT NULL CHECK (state IN ('not_started', 'in_progress', 'done', 'needs_attention')),
  reason_key TEXT,
  updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE jobs (
  id           TEXT PRIMARY KEY,
  kind         TEXT NOT NULL,
  state        TEXT NOT NULL CHECK (state IN ('queued', 'running', 'done', 'failed', 'cancelled', 'interrupted')),
  fraction     REAL NOT NULL DEFAULT 0,
  phase_key    TEXT NOT NULL,
  phase_params TEXT,
  subject_id   TEXT,
  error_json   TEXT,
  started_at   TEXT NOT NULL,
  ended_at     TEXT
) STRICT;

CREATE INDEX jobs_by_state ON jobs (state);
CREATE INDEX jobs_by_started ON jobs (started_at);
