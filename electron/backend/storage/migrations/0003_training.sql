-- 0003 training: feature sets (Features step), runs and their results (Train step), and what the
-- Evaluate step adds to a run (permutation importance, uses of the test part).
--
-- A run's row is written when it is queued and only its state moves while it works. Everything it
-- produces (final params, metrics, the validation report, the learning curve, the fitted pipeline)
-- is written in ONE transaction when it finishes, into run_results and run_artifacts; a cancelled,
-- failed or interrupted run has no row there. Runs name their dataset and version by id without a
-- foreign key: the record of what was trained must outlive a deleted dataset (lineage).

-- A pipeline spec saved with the dataset version it was designed on. Immutable: a run names the
-- feature set it used, and saving again makes a new one.
CREATE TABLE feature_sets (
  id             TEXT PRIMARY KEY,
  dataset_id     TEXT NOT NULL,
  version_id     TEXT NOT NULL,
  name           TEXT NOT NULL,
  -- PipelineSpec JSON (shared/domain/pipeline-spec.ts).
  spec_json      TEXT NOT NULL,
  -- 1: each model gets its family's preprocessing, keeping the roles; 0: these exact steps for every model.
  adapt_to_model INTEGER NOT NULL CHECK (adapt_to_model IN (0, 1)),
  author         TEXT NOT NULL,
  created_at     TEXT NOT NULL
) STRICT;

CREATE INDEX feature_sets_by_dataset ON feature_sets (dataset_id, created_at);

CREATE TABLE runs (
  id                TEXT PRIMARY KEY,
  -- 1, 2, 3... in the project.
  seq               INTEGER NOT NULL UNIQUE CHECK (seq > 0),
  batch_id          TEXT NOT NULL,
  dataset_id        TEXT NOT NULL,
  -- Name and version number at the time of the run (kept if the dataset is renamed or deleted).
  dataset_name      TEXT NOT NULL,
  version_id        TEXT NOT NULL,
  version_seq       INTEGER NOT NULL,
  feature_set_id    TEXT REFERENCES feature_sets (id) ON DELETE SET NULL,
  model_id          TEXT NOT NULL,
  model_kind        TEXT NOT NULL,
  -- Requested hyper-parameters (over the model's defaults; a search may change some).
  params_json       TEXT NOT NULL,
  seed              INTEGER NOT NULL,
  task              TEXT NOT NULL CHECK (task IN ('classification', 'regression')),
  target            TEXT NOT NULL,
  -- The metric the run ranks by (the objective's when the run was started, else the task default).
  metric            TEXT NOT NULL,
  -- Binary problems: the class counted as positive (label text), when the objective names one.
  positive_class    TEXT,
  validation_scheme TEXT NOT NULL CHECK (validation_scheme IN ('holdout', 'kfold')),
  validation_k      INTEGER,
  -- SearchSpec JSON, or NULL.
  search_json       TEXT,
  -- Reruns of a search replay exactly this many candidates, without a time budget.
  replay_candidates INTEGER,
  -- The PipelineSpec JSON the run fits (model id and requested params included).
  spec_json         TEXT NOT NULL,
  engine_version    TEXT NOT NULL,
  state             TEXT NOT NULL CHECK (state IN ('queued', 'running', 'done', 'failed', 'cancelled', 'interrupted')),
  job_id            TEXT,
  error_json        TEXT,
  rerun_of          TEXT REFERENCES runs (id) ON DELETE SET NULL,
  created_at        TEXT NOT NULL,
  started_at        TEXT,
  ended_at          TEXT,
  duration_ms       REAL,
  -- Binary problems: the decision threshold chosen in the Evaluate step (NULL: the model's own rule).
  chosen_threshold  REAL,
  threshold_author  TEXT,
  threshold_at      TEXT
) STRICT;

CREATE INDEX runs_by_dataset ON runs (dataset_id, seq);
CREATE INDEX runs_by_version ON runs (version_id, model_id);
CREATE INDEX runs_by_state ON runs (state);

CREATE TABLE run_results (
  run_id             TEXT PRIMARY KEY REFERENCES runs (id) ON DELETE CASCADE,
  final_params_json  TEXT NOT NULL,
  evaluated_on       TEXT NOT NULL CHECK (evaluated_on IN ('validation', 'outOfFold')),
  train_rows         INTEGER NOT NULL,
  evaluated_rows     INTEGER NOT NULL,
  metrics_json       TEXT NOT NULL,
  -- k-fold: {k, mean, std}.
  cv_json            TEXT,
  -- The validation report (training/report.ts StoredReport).
  report_json        TEXT NOT NULL,
  -- Binary problems: every candidate threshold with its counts (thinned to 2,000).
  thresholds_json    TEXT,
  curve_metric       TEXT,
  curve_json         TEXT NOT NULL,
  search_result_json TEXT,
  class_labels_json  TEXT,
  feature_names_json TEXT NOT NULL
) STRICT;

-- The fitted ModelPipeline (electron/ml/compose/model-pipeline.ts `toArtifact`) as JSON text,
-- exactly as the engine wrote it; the registry and the inference server load it from here.
CREATE TABLE run_artifacts (
  run_id        TEXT PRIMARY KEY REFERENCES runs (id) ON DELETE CASCADE,
  artifact_json TEXT NOT NULL,
  sha256        TEXT NOT NULL,
  bytes         INTEGER NOT NULL
) STRICT;

-- Permutation importance of a run on its validation rows (the newest computation).
CREATE TABLE run_permutation_importance (
  run_id      TEXT PRIMARY KEY REFERENCES runs (id) ON DELETE CASCADE,
  result_json TEXT NOT NULL,
  computed_at TEXT NOT NULL
) STRICT;

-- Every use of a version's test part: which run, who, when, whether it was a confirmed reuse.
CREATE TABLE test_evaluations (
  id                 TEXT PRIMARY KEY,
  run_id             TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  version_id         TEXT NOT NULL,
  author             TEXT NOT NULL,
  created_at         TEXT NOT NULL,
  is_confirmed_reuse INTEGER NOT NULL CHECK (is_confirmed_reuse IN (0, 1)),
  metrics_json       TEXT NOT NULL,
  report_json        TEXT NOT NULL
) STRICT;

CREATE INDEX test_evaluations_by_version ON test_evaluations (version_id, created_at);
CREATE INDEX test_evaluations_by_run ON test_evaluations (run_id, created_at);
