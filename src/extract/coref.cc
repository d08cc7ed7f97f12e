// Coreference, by salience: "it"/"its"/"the group" refer to the entity the discourse
// is about (the subject of the sentence so far, else of the last sentence that had
// one, else the document's main entity); "the Palestinian group" to the most recent
// group of that country; "the pro-ISIS group" to the most recent group that is not
// ISIS itself and is tied to it.
#include <set>

#include "extract/stages.h"
#include "text/normalize.h"
#include "base/string_map.h"

namespace orbat {

using namespace std::string_view_literals;

namespace {

bool IsActor(EntityType t) { return t == EntityType::kGroup || t == EntityType::kState; }

// Words before a mention that make it an object or oblique, not the subject.
bool ObliqueBefore(const Sentence& s, const Mention& m) {
  static const StringSet preps = {
      "by", "of", "with", "against", "from", "to", "between", "and", "into", "within",
      "alongside", "at", "toward", "towards", "on", "for", "as", "about", "than", "under",
      "over", "like", "including", "among", "'s", "in", "after", "before", "unlike",
      "despite", "behind", "near", "via", "or", "("};
  if (m.first == 0) return false;
  const std::string& prev = s.tokens[m.first - 1].fold;
  if (prev == "the"sv && m.first >= 2) return preps.count(s.tokens[m.first - 2].fold) > 0;
  return preps.count(prev) > 0;
}

}  // namespace

void ResolveCoreference(const Resources& res, DocState& doc, Sentence& s, int& topic) {
  int& previous_topic = doc.previous_topic;
  int sentence_subject = -1;
  std::vector<int>& recent = doc.recent_groups;
  for (auto& m : s.mentions) {
    if (m.anaphor && m.entity < 0) {
      int target = -1;
      if (!m.anaphor_hint.empty()) {
        if (m.anaphor_hint.rfind("pro ", 0) == 0) {
          std::string of = m.anaphor_hint.substr(4);
          auto pro = doc.entities.Find(of);
          for (auto it = recent.rbegin(); it != recent.rend() && target < 0; ++it)
            if (!pro || *it != *pro) target = *it;
        } else if (auto state = res.lexicon.LookupDemonym(m.anaphor_hint)) {
          const std::string& cc = res.lexicon.entry(*state).country;
          for (auto it = recent.rbegin(); it != recent.rend() && target < 0; ++it)
            if (!cc.empty() && doc.entities[*it].country == cc) target = *it;
        }
      }
      // A pronoun ("it", "its") follows the sentence's own subject; a description
      // ("the group") points back to what the discourse is about, and never to the
      // subject of its own clause ("Hamas said it had cut all ties with the group").
      bool pronoun = m.last - m.first == 1;
      if (target < 0 && pronoun) target = sentence_subject >= 0 ? sentence_subject : topic;
      // "The group is led by ..." opening a paragraph: a new paragraph of a profile comes
      // back to the group its title names, whatever the last one ended on.
      if (target < 0 && s.starts_line && sentence_subject < 0 && doc.main_in_title && m.first <= 1)
        target = doc.main_entity;
      if (target < 0) target = topic != sentence_subject || topic < 0 ? topic : previous_topic;
      if (target < 0) target = doc.main_entity;
      m.entity = target;
    }
    if (m.entity >= 0) {
      if (doc.entities[m.entity].type == EntityType::kGroup) recent.push_back(m.entity);
      // "Yemen's Houthi movement said it ...": a possessor of another actor is not the
      // subject ("Fatah al-Islam's nascence stems from ..." still is).
      bool possessor = false;
      if (m.last < s.tokens.size() && s.tokens[m.last].fold == "'s"sv)
        for (const auto& o : s.mentions)
          possessor |= o.first == m.last + 1 && o.entity >= 0 && IsActor(doc.entities[o.entity].type);
      if (sentence_subject < 0 && IsActor(doc.entities[m.entity].type) && !ObliqueBefore(s, m) && !possessor)
        sentence_subject = m.entity;
    }
  }
  if (recent.size() > 64) recent.erase(recent.begin(), recent.end() - 32);
  s.subject = sentence_subject;
  if (sentence_subject >= 0 && doc.entities[sentence_subject].type == EntityType::kGroup &&
      sentence_subject != topic) {
    previous_topic = topic;
    topic = sentence_subject;
  }
}

}  // namespace orbat
