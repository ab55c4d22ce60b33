-- schema-v1.sql — the fact index schema of version 1 (feit before facts kept time and date),
-- frozen: tests/sh/index-time.sh builds a version-1 index from it to test reading and upgrading.
CREATE TABLE IF NOT EXISTS feit_index(key TEXT PRIMARY KEY, value TEXT NOT NULL);
INSERT OR IGNORE INTO feit_index(key, value) VALUES ('schema', '1');
CREATE TABLE IF NOT EXISTS documents(
  id INTEGER PRIMARY KEY,
  doc TEXT NOT NULL UNIQUE,
  date TEXT,
  title TEXT, url TEXT, publisher TEXT,
  meta TEXT NOT NULL DEFAULT '{}',
  datelines TEXT NOT NULL DEFAULT '[]',
  sentences INTEGER NOT NULL DEFAULT 0);
CREATE INDEX IF NOT EXISTS documents_date ON documents(date);
CREATE TABLE IF NOT EXISTS entities(
  id INTEGER PRIMARY KEY,
  canonical TEXT NOT NULL,
  type TEXT NOT NULL,
  kb TEXT NOT NULL DEFAULT '',
  fold TEXT NOT NULL,
  last_fold TEXT NOT NULL,
  UNIQUE(canonical, type, kb));
CREATE INDEX IF NOT EXISTS entities_fold ON entities(fold);
CREATE INDEX IF NOT EXISTS entities_last_fold ON entities(last_fold);
CREATE INDEX IF NOT EXISTS entities_kb ON entities(kb);
CREATE TABLE IF NOT EXISTS mentions(
  id INTEGER PRIMARY KEY,
  doc_id INTEGER NOT NULL REFERENCES documents(id),
  entity_id INTEGER NOT NULL REFERENCES entities(id),
  text TEXT NOT NULL,
  fold TEXT NOT NULL,
  start INTEGER, end INTEGER, sentence INTEGER,
  form TEXT, source TEXT);
CREATE INDEX IF NOT EXISTS mentions_doc ON mentions(doc_id);
CREATE INDEX IF NOT EXISTS mentions_entity ON mentions(entity_id);
CREATE INDEX IF NOT EXISTS mentions_fold ON mentions(fold);
CREATE VIEW IF NOT EXISTS names AS
  SELECT entity_id, text, fold, count(*) AS times, count(DISTINCT doc_id) AS documents
  FROM mentions GROUP BY entity_id, text;
CREATE TABLE IF NOT EXISTS evidence(
  id INTEGER PRIMARY KEY,
  doc_id INTEGER NOT NULL REFERENCES documents(id),
  sentence INTEGER NOT NULL DEFAULT -1,
  text TEXT NOT NULL,
  UNIQUE(doc_id, sentence, text));
CREATE VIRTUAL TABLE IF NOT EXISTS evidence_fts USING fts5(text, content='evidence',
  content_rowid='id', tokenize='unicode61 remove_diacritics 2');
CREATE TRIGGER IF NOT EXISTS evidence_ai AFTER INSERT ON evidence BEGIN
  INSERT INTO evidence_fts(rowid, text) VALUES (new.id, new.text); END;
CREATE TRIGGER IF NOT EXISTS evidence_ad AFTER DELETE ON evidence BEGIN
  INSERT INTO evidence_fts(evidence_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;
CREATE TABLE IF NOT EXISTS facts(
  id INTEGER PRIMARY KEY,
  doc_id INTEGER NOT NULL REFERENCES documents(id),
  subject_id INTEGER NOT NULL REFERENCES entities(id),
  predicate TEXT NOT NULL,
  object_id INTEGER NOT NULL REFERENCES entities(id),
  evidence_id INTEGER REFERENCES evidence(id),
  confidence REAL NOT NULL DEFAULT 0,
  count INTEGER NOT NULL DEFAULT 1,
  sentence INTEGER NOT NULL DEFAULT -1,
  rule TEXT, wikidata TEXT, qualifier TEXT);
CREATE INDEX IF NOT EXISTS facts_doc ON facts(doc_id);
CREATE INDEX IF NOT EXISTS facts_subject ON facts(subject_id, predicate);
CREATE INDEX IF NOT EXISTS facts_object ON facts(object_id, predicate);
CREATE INDEX IF NOT EXISTS facts_predicate ON facts(predicate);
CREATE INDEX IF NOT EXISTS facts_evidence ON facts(evidence_id);
