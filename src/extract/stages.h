// The extraction stages as functions over the document model, in the order the
// Extractor runs them. Each reads the shared resources (lexicon and data/patterns
// word lists), never writes them, and adds to the document's state.
#pragma once

#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "base/result.h"
#include "extract/document_model.h"
#include "extract/patterns.h"
#include "lexicon/lexicon.h"
#include "text/phrase_set.h"

namespace orbat {

struct Resources {
  Lexicon lexicon;
  MentionWords words;
  PatternSet patterns;
  std::map<std::string, std::string> infobox;            // folded label -> predicate
  std::vector<std::string> hedges;                        // hedge of each cue, in file order
  PhraseSet hedge_cues;                                   // folded cue -> index into hedges
  std::vector<std::string> negations;                     // folded cues
  PhraseSet ideologies;                                   // FoldName forms of ideology terms

  static Result<Resources> Load(const std::string& data_dir);
};

struct DocState {
  explicit DocState(const Lexicon& lex) : entities(lex) {}
  std::string_view text;
  EntityTable entities;
  std::vector<Sentence> sentences;
  std::vector<DraftFact> facts;
  std::vector<int> recent_groups;  // group mentions so far, most recent last (bounded)
  int previous_topic = -1;  // the topic before the current one (coref.cc)
  int main_entity = -1;   // what the document is about (title, else most mentioned group)
  bool main_in_title = false;  // the title names main_entity (a profile of it)
};

// sentence.cc: tokens, mentions, dates, quantities, ideology terms of one sentence.
void AnalyzeSentence(const Resources& res, DocState& doc, Sentence& s, DateResolver& dates);

// aliases.cc: names the text declares for an entity ("also known as", parentheses,
// "now calling themselves", Arabic originals); adds alias facts.
void FindDeclaredAliases(const Resources& res, DocState& doc, Sentence& s);

// coref.cc: resolves anaphors and sets each sentence's subject.
void ResolveCoreference(const Resources& res, DocState& doc, Sentence& s, int& topic);

// abstract.cc: the abstracted sentence the patterns run over (lists collapsed).
void BuildAbstract(const Resources& res, DocState& doc, Sentence& s);

// relations.cc: pattern matches -> facts, with time, hedge and negation.
void ExtractRelations(const Resources& res, DocState& doc, Sentence& s);

// infobox.cc: "Label: value" lines; returns true when the sentence was an infobox line
// (then relations are not run on it again). `continuation` carries the open label.
bool ExtractInfobox(const Resources& res, DocState& doc, Sentence& s, std::string& open_label);

// postprocess.cc: inferences over the finished fact list (independence after being a
// unit -> splinter_of; part of a coalition -> member_of).
void FinalizeFacts(DocState& doc);

// Shared helpers.
std::string SentenceText(const DocState& doc, const Sentence& s);
void AddFact(DocState& doc, DraftFact f);
TimeSpan TimeOf(const DateMention& d);

}  // namespace orbat
