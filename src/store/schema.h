// The database schema and its migrations. `schema_version` in the meta table records
// the last migration applied; Migrate() applies the missing ones in one transaction each
// and refuses a database newer than this binary.
//
// Tables: documents (one row per ingested document, keyed by doc_key, with its content
// hash), mentions (an entity as one document names it; entity_id set by resolution),
// evidence (distinct evidence sentences, indexed by the FTS5 table evidence_fts),
// claims (one extracted fact: subject/object mentions, predicate, value, time, hedge,
// confidence; s_entity/o_entity denormalized by resolution), entities and aliases
// (derived by resolution), corrections (analyst merges/splits, replayed on every
// resolution), meta (schema_version, resolution state).
#pragma once

#include "base/result.h"
#include "store/sqlite.h"

namespace orbat::store {

inline constexpr int kSchemaVersion = 1;

// Sets the connection pragmas (WAL, foreign keys, synchronous=NORMAL) and migrates.
Result<Ok> PrepareDatabase(Db& db);

}  // namespace orbat::store
