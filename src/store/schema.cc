#include "store/schema.h"

#include <string>

namespace orbat::store {

namespace {

const char* kMigration1 = R"SQL(
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE documents(
  id INTEGER PRIMARY KEY,
  doc_key TEXT NOT NULL UNIQUE,
  source TEXT, path TEXT,
  content_hash TEXT NOT NULL,
  date TEXT, title TEXT, text TEXT,
  countries TEXT,
  bytes INTEGER NOT NULL DEFAULT 0,
  ingested_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')));
CREATE TABLE entities(
  id INTEGER PRIMARY KEY,
  ekey TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  type TEXT NOT NULL,
  lexicon_id TEXT,
  mentions INTEGER NOT NULL DEFAULT 0,
  docs INTEGER NOT NULL DEFAULT 0);
CREATE INDEX entities_name ON entities(name);
CREATE TABLE aliases(
  key TEXT NOT NULL,
  entity_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
  written TEXT NOT NULL,
  count INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY(key, entity_id, written)) WITHOUT ROWID;
CREATE INDEX aliases_entity ON aliases(entity_id);
CREATE TABLE mentions(
  id INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  type TEXT NOT NULL,
  lexicon_id TEXT,
  aliases TEXT,
  countries TEXT,
  entity_id INTEGER);
CREATE INDEX mentions_document ON mentions(document_id);
CREATE INDEX mentions_entity ON mentions(entity_id);
CREATE TABLE evidence(
  id INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  sentence TEXT NOT NULL,
  begin INTEGER NOT NULL,
  end INTEGER NOT NULL);
CREATE INDEX evidence_document ON evidence(document_id);
CREATE VIRTUAL TABLE evidence_fts USING fts5(
  sentence, content='evidence', content_rowid='id', tokenize='unicode61 remove_diacritics 2');
CREATE TRIGGER evidence_ai AFTER INSERT ON evidence BEGIN
  INSERT INTO evidence_fts(rowid, sentence) VALUES (new.id, new.sentence);
END;
CREATE TRIGGER evidence_ad AFTER DELETE ON evidence BEGIN
  INSERT INTO evidence_fts(evidence_fts, rowid, sentence) VALUES ('delete', old.id, old.sentence);
END;
CREATE TABLE claims(
  id INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  evidence_id INTEGER NOT NULL REFERENCES evidence(id) ON DELETE CASCADE,
  s_mention INTEGER NOT NULL REFERENCES mentions(id) ON DELETE CASCADE,
  p TEXT NOT NULL,
  o_mention INTEGER REFERENCES mentions(id) ON DELETE CASCADE,
  o_text TEXT,
  value REAL,
  time_start TEXT, time_end TEXT,
  hedge TEXT,
  confidence REAL NOT NULL DEFAULT 0.5,
  s_entity INTEGER, o_entity INTEGER);
CREATE INDEX claims_document ON claims(document_id);
CREATE INDEX claims_s ON claims(s_entity, p);
CREATE INDEX claims_o ON claims(o_entity, p);
CREATE INDEX claims_p ON claims(p);
CREATE INDEX claims_s_mention ON claims(s_mention);
CREATE INDEX claims_o_mention ON claims(o_mention);
CREATE INDEX claims_evidence ON claims(evidence_id);
CREATE TABLE corrections(
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('merge','split')),
  a TEXT NOT NULL,
  b TEXT,
  docs TEXT,
  new_name TEXT,
  created TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')));
INSERT OR REPLACE INTO meta(key, value) VALUES ('dirty', '0');
)SQL";

const char* kMigrations[] = {kMigration1};

Result<int> CurrentVersion(Db& db) {
  auto st = db.Prepare("SELECT value FROM meta WHERE key='schema_version'");
  if (!st.ok()) return 0;  // no meta table yet
  auto row = st->Step();
  if (!row.ok()) return row.error();
  if (!*row) return 0;
  return std::stoi(st->Text(0));
}

}  // namespace

Result<Ok> PrepareDatabase(Db& db) {
  for (const char* pragma : {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL",
                             "PRAGMA foreign_keys=ON", "PRAGMA temp_store=MEMORY",
                             "PRAGMA cache_size=-65536"}) {
    auto r = db.Exec(pragma);
    if (!r.ok()) return r.error();
  }
  auto r0 = db.Exec("CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT)");
  if (!r0.ok()) return r0.error();
  auto v = CurrentVersion(db);
  if (!v.ok()) return v.error();
  if (*v > kSchemaVersion) {
    return Error{db.path(), 0,
                 "database schema version " + std::to_string(*v) +
                     " is newer than this orbat (" + std::to_string(kSchemaVersion) + ")"};
  }
  for (int next = *v + 1; next <= kSchemaVersion; ++next) {
    auto tx = Transaction::Begin(db);
    if (!tx.ok()) return tx.error();
    auto r = db.Exec(kMigrations[next - 1]);
    if (!r.ok()) return r.error();
    auto st = db.Prepare("INSERT OR REPLACE INTO meta(key, value) VALUES ('schema_version', ?)");
    if (!st.ok()) return st.error();
    auto r2 = st->Bind(1, std::string_view(std::to_string(next))).Run();
    if (!r2.ok()) return r2.error();
    auto c = (*tx)->Commit();
    if (!c.ok()) return c.error();
  }
  return Ok{};
}

}  // namespace orbat::store
