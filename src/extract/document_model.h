// The per-document working state that the extraction stages share: sentences with
// their tokens, mentions, dates and quantities, the abstracted sentence the patterns
// run over, and the facts found so far (with entity indices, named at the end).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "extract/entities.h"
#include "extract/facts.h"
#include "extract/mentions.h"
#include "text/dates.h"
#include "text/segment.h"

namespace orbat {

// One token of an abstracted sentence: a folded word, or a slot standing for mentions
// ('g','s','p','h','m','o' entity types; 'd' date; 'n' quantity; 'i' ideology term).
struct Piece {
  std::string text;           // as written into the abstract string
  char kind = 'w';            // 'w' word; otherwise the slot letter of the first member
  std::vector<char> letters;  // slot members' letters
  std::vector<int> ids;       // slot members' indices (entity, date, quantity, ideology)
  size_t byte_begin = 0, byte_end = 0;  // in the document
  size_t abs_begin = 0;       // offset of this piece in the abstract string
};

struct IdeologyMention {
  size_t first = 0, last = 0;  // tokens
  std::string text;            // as written
};

struct Sentence {
  Span span;
  bool starts_line = false;    // first sentence of its line (infobox lines, headings)
  std::vector<Token> tokens;
  std::vector<Mention> mentions;
  std::vector<DateMention> dates;
  std::vector<Quantity> quantities;
  std::vector<IdeologyMention> ideologies;
  std::vector<Piece> pieces;
  std::string abstract;
  int subject = -1;                        // entity the sentence is about
  std::optional<DateMention> context_date; // inherited from earlier in the paragraph
  // Every hedge cue with its place: a cue qualifies what comes before its end in the
  // sentence, or the whole sentence when it closes it ("..., the group claimed.").
  struct HedgeCue {
    size_t begin = 0, end = 0;  // bytes in the document
    int order = 0;              // line in hedges.tsv: lower wins
    bool closing = false;       // at most two words follow it
  };
  std::vector<HedgeCue> hedge_cues;
};

// A fact while extraction is still going on: entities by index.
struct DraftFact {
  int s = -1;
  std::string p;
  int o = -1;               // entity, or -1 when o_text is the value
  std::string o_text;
  std::optional<double> value;
  TimeSpan time;
  std::string hedge;
  Span evidence;            // bytes of the evidence sentence
  double confidence = 0.5;
};

}  // namespace orbat
