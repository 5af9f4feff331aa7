-- 0002 data: datasets and their versions, stored content-addressed (DESIGN.md "The project file").
--
-- A version is an immutable commit (parent, message, author, time, counts, schema, partition,
-- recipe step). Its data are chunks: fixed runs of rows of one column (values), pieces of a code
-- column's level list (levels), the row ids and the partition assignment. Each chunk is stored
-- once, addressed by the SHA-256 of its bytes, whatever the number of versions and datasets that
-- use it; `version_chunks` is each version's manifest. Chunk blobs may be written by a job's
-- worker before its version is committed; everything else about a version is written by the
-- backend in one transaction, so a crash never leaves half a version (at worst unreferenced
-- chunks, which the backend removes).

CREATE TABLE chunks (
  hash  TEXT PRIMARY KEY,
  size  INTEGER NOT NULL,
  bytes BLOB NOT NULL
) STRICT, WITHOUT ROWID;

CREATE TABLE datasets (
  id                 TEXT PRIMARY KEY,
  name               TEXT NOT NULL UNIQUE,
  created_at         TEXT NOT NULL,
  updated_at         TEXT NOT NULL,
  -- The working version (checkout moves it). Checked at commit: it is written in the same
  -- transaction as the dataset's first version.
  current_version_id TEXT NOT NULL REFERENCES dataset_versions (id) DEFERRABLE INITIALLY DEFERRED
) STRICT;

CREATE TABLE dataset_versions (
  id             TEXT PRIMARY KEY,
  dataset_id     TEXT NOT NULL REFERENCES datasets (id) ON DELETE CASCADE,
  seq            INTEGER NOT NULL CHECK (seq > 0),
  parent_id      TEXT REFERENCES dataset_versions (id) ON DELETE CASCADE,
  kind           TEXT NOT NULL CHECK (kind IN ('import', 'remedy', 'partition', 'roles')),
  message        TEXT NOT NULL,
  author         TEXT NOT NULL,
  created_at     TEXT NOT NULL,
  row_count      INTEGER NOT NULL CHECK (row_count >= 0),
  column_count   INTEGER NOT NULL CHECK (column_count >= 0),
  target         TEXT,
  -- PartitionSummary JSON plus per-chunk part counts; NULL when the version has no partition.
  partition_json TEXT,
  -- RecipeStep JSON of a remedy version.
  step_json      TEXT,
  -- Import versions: {path, bytes, summary}.
  source_json    TEXT,
  logical_bytes  INTEGER NOT NULL,
  stored_bytes   INTEGER NOT NULL,
  UNIQUE (dataset_id, seq)
) STRICT;

CREATE INDEX dataset_versions_by_parent ON dataset_versions (parent_id);

CREATE TABLE version_columns (
  version_id  TEXT NOT NULL REFERENCES dataset_versions (id) ON DELETE CASCADE,
  position    INTEGER NOT NULL CHECK (position >= 0),
  name        TEXT NOT NULL,
  type        TEXT NOT NULL,
  role        TEXT NOT NULL CHECK (role IN ('feature', 'target', 'ignored')),
  -- Code columns: number of levels; NULL for number columns.
  level_count INTEGER,
  -- Boolean columns: JSON [falseText, trueText] as written in the source.
  labels_json TEXT,
  PRIMARY KEY (version_id, position),
  UNIQUE (version_id, name)
) STRICT, WITHOUT ROWID;

-- The manifest. column_position: >= 0 a column, -1 the row ids, -2 the partition assignment.
-- stream: 'v' values (Float64 or Int32 codes, Int32 row ids, Uint8 part codes), 'l' level texts
-- (a JSON array). item_count: rows (or levels) the chunk holds.
CREATE TABLE version_chunks (
  version_id      TEXT NOT NULL REFERENCES dataset_versions (id) ON DELETE CASCADE,
  column_position INTEGER NOT NULL CHECK (column_position >= -2),
  stream          TEXT NOT NULL CHECK (stream IN ('v', 'l')),
  seq             INTEGER NOT NULL CHECK (seq >= 0),
  chunk_hash      TEXT NOT NULL REFERENCES chunks (hash),
  item_count      INTEGER NOT NULL CHECK (item_count >= 0),
  PRIMARY KEY (version_id, column_position, stream, seq)
) STRICT, WITHOUT ROWID;

CREATE INDEX version_chunks_by_hash ON version_chunks (chunk_hash);

CREATE TABLE dataset_tags (
  dataset_id TEXT NOT NULL REFERENCES datasets (id) ON DELETE CASCADE,
  tag        TEXT NOT NULL,
  version_id TEXT NOT NULL REFERENCES dataset_versions (id) ON DELETE CASCADE,
  created_at TEXT NOT NULL,
  PRIMARY KEY (dataset_id, tag)
) STRICT;

CREATE INDEX dataset_tags_by_version ON dataset_tags (version_id);

-- Results computed from a version (immutable, so the cache never goes stale).
CREATE TABLE version_profiles (
  version_id   TEXT PRIMARY KEY REFERENCES dataset_versions (id) ON DELETE CASCADE,
  profile_json TEXT NOT NULL,
  computed_at  TEXT NOT NULL,
  elapsed_ms   REAL NOT NULL
) STRICT;

CREATE TABLE version_reports (
  version_id      TEXT PRIMARY KEY REFERENCES dataset_versions (id) ON DELETE CASCADE,
  report_json     TEXT NOT NULL,
  options_json    TEXT NOT NULL,
  label_json      TEXT,
  critical_count  INTEGER NOT NULL,
  computed_at     TEXT NOT NULL,
  elapsed_ms      REAL NOT NULL
) STRICT;
