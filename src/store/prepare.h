// From extractor output to store rows: turns one document's DocumentFacts into a
// StoredDoc (mentions, claims with evidence, context countries for resolution).
//
// Contract: every fact becomes a claim. Its subject and (for entity-valued predicates)
// its object are linked to the document's entity list by MatchKey over names and
// aliases; a name the entity list lacks becomes a mention of its own (typed from the
// predicate). The written object is always kept in o_text. With a lexicon, mentions get
// strong countries (their lexicon entry, their `area` facts, a qualifier such as
// "... in Libya") and the document gets the countries of the places and states it names.
#pragma once

#include <string>

#include "extract/facts.h"
#include "io/document.h"
#include "store/store.h"

namespace orbat {
class Lexicon;
}

namespace orbat::store {

// The content hash ingest compares: text, title, date and source of the document.
std::string ContentHash(const Document& doc);

StoredDoc PrepareDocument(const Document& doc, const DocumentFacts& facts, const Lexicon* lexicon);

}  // namespace orbat::store
