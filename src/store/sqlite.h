// A thin RAII layer over the sqlite3 C API: a connection (Db) and prepared statements
// (Stmt) with errors as values. Nothing here knows the schema; see schema.h.
//
// Contract: every call that can fail returns Result/Error-bearing values and never
// throws; a Stmt is bound to its Db and must not outlive it. Not thread-safe: one Db
// per thread.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "base/result.h"

namespace orbat::store {

struct Ok {};

class Db;

class Stmt {
 public:
  Stmt() = default;
  Stmt(Stmt&& o) noexcept : db_(o.db_), st_(o.st_) { o.st_ = nullptr; }
  Stmt& operator=(Stmt&& o) noexcept;
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;
  ~Stmt();

  // Binding is 1-based like sqlite3_bind_*. Empty optional binds NULL.
  Stmt& Bind(int i, int64_t v);
  Stmt& Bind(int i, double v);
  Stmt& Bind(int i, std::string_view v);
  Stmt& BindNull(int i);
  Stmt& BindOpt(int i, const std::optional<double>& v);
  Stmt& BindId(int i, int64_t v);  // 0 binds NULL
  Stmt& BindText(int i, std::string_view v);  // "" binds NULL

  // Steps once: true while a row is available, false when done; Error on failure.
  Result<bool> Step();
  // Steps to completion (for INSERT/UPDATE/DELETE) and resets for reuse.
  Result<Ok> Run();
  void Reset();

  int64_t Int(int col) const;
  double Real(int col) const;
  std::string Text(int col) const;
  bool IsNull(int col) const;

 private:
  friend class Db;
  Db* db_ = nullptr;
  sqlite3_stmt* st_ = nullptr;
};

class Db {
 public:
  static Result<std::unique_ptr<Db>> Open(const std::string& path);
  ~Db();
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;

  Result<Ok> Exec(std::string_view sql);
  Result<Stmt> Prepare(std::string_view sql);
  int64_t LastInsertId() const;
  int Changes() const;
  std::string Message() const;  // sqlite3_errmsg
  const std::string& path() const { return path_; }
  sqlite3* raw() { return db_; }

 private:
  Db() = default;
  sqlite3* db_ = nullptr;
  std::string path_;
};

// RAII transaction: BEGIN IMMEDIATE on Begin, ROLLBACK unless Commit() succeeded.
class Transaction {
 public:
  static Result<std::unique_ptr<Transaction>> Begin(Db& db);
  Result<Ok> Commit();
  ~Transaction();

 private:
  explicit Transaction(Db& db) : db_(db) {}
  Db& db_;
  bool done_ = false;
};

}  // namespace orbat::store
