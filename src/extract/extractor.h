// Extraction: one document in, its entities and sourced facts out (spec/facts.md).
//
// Stages, in order, each in its own file here: mentions (lexicon matches, names found
// by their shape, persons, numbers), aliases declared by the text, coreference of
// "the group"/"it"/possessives, dates, then relations and events from the trigger
// patterns in data/patterns/, with hedges and negation. Deterministic: the same
// document and lexicon always give the same facts in the same order.
#pragma once

#include <memory>
#include <string>

#include "base/result.h"
#include "extract/facts.h"
#include "io/document.h"
#include "lexicon/lexicon.h"

namespace orbat {

class Extractor {
 public:
  // Loads the lexicon (data_dir/lexicon) and patterns (data_dir/patterns).
  static Result<std::unique_ptr<Extractor>> Create(const std::string& data_dir);
  ~Extractor();

  DocumentFacts Extract(const Document& doc) const;
  const Lexicon& lexicon() const;

 private:
  struct Impl;
  explicit Extractor(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// The data directory: $ORBAT_DATA if set, else the data/ folder beside the binary's
// source tree (compiled in), else ./data.
std::string DefaultDataDir();

}  // namespace orbat
