-- 0004 registry and serving: registered models and their numbered versions (Deploy step), the
-- audit log of every registry change, model card edits, and what the Serve step records: the
-- prediction log, the inference server's sessions and batch predictions.
--
-- A model version holds a COPY of its fitted pipeline (model_artifacts, shared by content hash), so
-- it stays servable whatever happens to the run it came from; versions name their run, dataset and
-- dataset version by id without a foreign key, as runs do (lineage outlives deletions).

CREATE TABLE registered_models (
  -- URL-safe: letters, digits, '.', '_', '-' (the inference server puts it in paths).
  name        TEXT PRIMARY KEY,
  description TEXT NOT NULL DEFAULT '',
  task        TEXT NOT NULL CHECK (task IN ('classification', 'regression')),
  target      TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  created_by  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
) STRICT;

-- The fitted ModelPipeline JSON (electron/ml/compose/model-pipeline.ts `toArtifact`), by SHA-256 of
-- its UTF-8 bytes. Immutable.
CREATE TABLE model_artifacts (
  sha256        TEXT PRIMARY KEY,
  artifact_json TEXT NOT NULL,
  bytes         INTEGER NOT NULL
) STRICT;

CREATE TABLE model_versions (
  id               TEXT PRIMARY KEY,
  model_name       TEXT NOT NULL REFERENCES registered_models (name) ON DELETE CASCADE,
  -- 1, 2, 3... per model.
  version          INTEGER NOT NULL CHECK (version > 0),
  stage            TEXT NOT NULL CHECK (stage IN ('none', 'staging', 'production', 'archived')),
  source           TEXT NOT NULL CHECK (source IN ('run', 'bundle')),
  run_id           TEXT,
  artifact_sha256  TEXT NOT NULL REFERENCES model_artifacts (sha256),
  -- ModelLineage JSON (shared/api/methods/registry.ts).
  lineage_json     TEXT NOT NULL,
  -- ModelCardFacts JSON: the snapshot the card is generated from (objective, data, metrics, limits, fairness).
  card_facts_json  TEXT NOT NULL,
  -- One real input row (first validation row) for the Serve step's curl example, or NULL.
  example_json     TEXT,
  comment          TEXT NOT NULL DEFAULT '',
  created_at       TEXT NOT NULL,
  created_by       TEXT NOT NULL,
  stage_changed_at TEXT NOT NULL,
  stage_changed_by TEXT NOT NULL,
  UNIQUE (model_name, version)
) STRICT;

-- At most one production version per model, enforced by the file itself.
CREATE UNIQUE INDEX model_versions_one_production ON model_versions (model_name) WHERE stage = 'production';
CREATE INDEX model_versions_by_run ON model_versions (run_id);

-- Hand-edited model card sections (the generated text is rendered from card_facts_json on read).
CREATE TABLE model_card_sections (
  version_id TEXT NOT NULL REFERENCES model_versions (id) ON DELETE CASCADE,
  section    TEXT NOT NULL,
  markdown   TEXT NOT NULL,
  edited_by  TEXT NOT NULL,
  edited_at  TEXT NOT NULL,
  PRIMARY KEY (version_id, section)
) STRICT;

-- Every registry change: who (OS user), when, why. Append-only.
CREATE TABLE registry_events (
  id           INTEGER PRIMARY KEY,
  at           TEXT NOT NULL,
  author       TEXT NOT NULL,
  action       TEXT NOT NULL CHECK (action IN ('register', 'import', 'stage', 'card', 'export', 'describe')),
  model_name   TEXT NOT NULL,
  version      INTEGER,
  from_stage   TEXT,
  to_stage     TEXT,
  comment      TEXT NOT NULL DEFAULT '',
  details_json TEXT NOT NULL DEFAULT '{}'
) STRICT;

CREATE INDEX registry_events_by_model ON registry_events (model_name, id);

-- Each run of the inference server from this project (the Serve step's state; totals are written
-- every few seconds while it runs and when it stops).
CREATE TABLE serving_sessions (
  id          TEXT PRIMARY KEY,
  started_at  TEXT NOT NULL,
  ended_at    TEXT,
  author      TEXT NOT NULL,
  url         TEXT NOT NULL,
  -- The references served, JSON array of strings (e.g. ["churn@production"]).
  models_json TEXT NOT NULL,
  requests    INTEGER NOT NULL DEFAULT 0,
  -- Prediction requests answered (any status) and rows predicted.
  predictions INTEGER NOT NULL DEFAULT 0,
  rows        INTEGER NOT NULL DEFAULT 0,
  errors      INTEGER NOT NULL DEFAULT 0,
  -- 'stopped', 'crashed', or NULL while running (or when the process died: ended_at stays NULL).
  end_reason  TEXT
) STRICT;

-- The prediction log, for the Monitor step. One row per answered prediction request of the
-- inference server (written in batches after the responses, off the response path):
--   request_id      the id returned to the caller in `x-request-id` (join key for later feedback)
--   at              ISO time the request arrived
--   model_name, model_version   the registered model and version number that answered
--   model_version_id            model_versions.id (no foreign key: the log outlives deletions)
--   protocol        'mlflow' (/invocations) or 'v2' (/v2/models/{name}/infer)
--   latency_ms      arrival to response written, in milliseconds
--   n_rows          rows predicted by the request
--   inputs_json     the inputs as the model saw them, by column: {"age": [41, null], "plan": ["basic", "pro"]}
--   outputs_json    {"predictions": [...], "probabilities": [[...], ...] | null, "classes": [...] | null}
--                   (probabilities only when the caller asked for them)
--   session_id      serving_sessions.id of the server that answered
CREATE TABLE prediction_log (
  id               INTEGER PRIMARY KEY,
  request_id       TEXT NOT NULL,
  at               TEXT NOT NULL,
  model_name       TEXT NOT NULL,
  model_version    INTEGER NOT NULL,
  model_version_id TEXT,
  protocol         TEXT NOT NULL CHECK (protocol IN ('mlflow', 'v2')),
  latency_ms       REAL NOT NULL,
  n_rows           INTEGER NOT NULL,
  inputs_json      TEXT NOT NULL,
  outputs_json     TEXT NOT NULL,
  session_id       TEXT
) STRICT;

CREATE INDEX prediction_log_by_model ON prediction_log (model_name, model_version, at);
CREATE INDEX prediction_log_by_time ON prediction_log (at);
CREATE INDEX prediction_log_by_request ON prediction_log (request_id);

-- CSV batch predictions (Serve step, `ciclo predict`): the job, its files and outcome.
CREATE TABLE batch_predictions (
  id                 TEXT PRIMARY KEY,
  job_id             TEXT NOT NULL,
  model_name         TEXT NOT NULL,
  model_version      INTEGER NOT NULL,
  model_version_id   TEXT NOT NULL,
  input_path         TEXT NOT NULL,
  output_path        TEXT NOT NULL,
  with_probabilities INTEGER NOT NULL CHECK (with_probabilities IN (0, 1)),
  state              TEXT NOT NULL CHECK (state IN ('queued', 'running', 'done', 'failed', 'cancelled', 'interrupted')),
  rows               INTEGER,
  columns_json       TEXT,
  duration_ms        REAL,
  error_json         TEXT,
  author             TEXT NOT NULL,
  created_at         TEXT NOT NULL,
  ended_at           TEXT
) STRICT;

CREATE INDEX batch_predictions_by_time ON batch_predictions (created_at);
