// The JSONL writer: ToJsonLine writes by hand what ToJson(doc).dump() writes through
// nlohmann's tree; the two must give the same bytes, and lines must read back.
#include "export/jsonl.h"

#include <gtest/gtest.h>

namespace orbat {
namespace {

std::string ViaTree(const DocumentFacts& d) {
  return ToJson(d).dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

Fact MakeFact(std::string s, std::string p, std::string o) {
  Fact f;
  f.s = std::move(s);
  f.p = std::move(p);
  f.o = std::move(o);
  f.evidence = {"A sentence.", 3, 14};
  return f;
}

DocumentFacts Tricky() {
  DocumentFacts d;
  d.doc = "doc \"1\"\\path";
  d.title = "Tab\there, newline\nthere, bell\a, DEL\x7f, form\f, back\b, cr\r";
  d.entities.push_back({"Jabhat al-Nuṣra ‘Front’", EntityType::kGroup, {"جبهة النصرة", "Nusra"}, "un:QDe.137"});
  d.entities.push_back({"Idlib", EntityType::kPlace, {}, ""});
  Fact a = MakeFact("Jabhat al-Nuṣra ‘Front’", "size", "400");
  a.value = 400;
  a.time = {"2016-02", ""};
  a.hedge = "estimated";
  a.confidence = 0.855;
  d.facts.push_back(a);
  Fact b = MakeFact("Idlib", "attack", "x");
  b.value = 2.5;
  b.time = {"", "2017"};
  b.confidence = 1.7;  // clamped to 1
  d.facts.push_back(b);
  Fact c = MakeFact("a", "size", "big");
  c.value = 1e300;  // past 2^53: a double
  c.time = {"2014", "2015-03-01"};
  c.confidence = 0.0;
  d.facts.push_back(c);
  Fact hidden = MakeFact("a", "ally", "b");
  hidden.negated = true;
  d.facts.push_back(hidden);
  return d;
}

TEST(JsonlWriter, SameBytesAsTheTree) {
  DocumentFacts d = Tricky();
  EXPECT_EQ(ToJsonLine(d), ViaTree(d));
  d.source = "https://example.org/a?b=c&d=\"e\"";
  d.date = "2016-02-17";
  EXPECT_EQ(ToJsonLine(d), ViaTree(d));
  EXPECT_EQ(ToJsonLine(DocumentFacts{}), ViaTree(DocumentFacts{}));
}

TEST(JsonlWriter, EscapesAndKeepsUtf8) {
  std::string line = ToJsonLine(Tricky());
  EXPECT_NE(line.find("\\t"), std::string::npos);
  EXPECT_NE(line.find("\\u0007"), std::string::npos);   // bell
  EXPECT_NE(line.find("\\\"1\\\"\\\\path"), std::string::npos);
  EXPECT_NE(line.find("جبهة النصرة"), std::string::npos);  // not \u-escaped
  EXPECT_EQ(line.find('\n'), std::string::npos);
  EXPECT_EQ(line.find("\"negated\""), std::string::npos);
}

TEST(JsonlWriter, InvalidUtf8IsReplacedNotThrown) {
  DocumentFacts d;
  d.doc = "bad\xff\xfe bytes";
  d.facts.push_back(MakeFact("x\xc3", "ally", "y"));
  std::string line;
  ASSERT_NO_THROW(line = ToJsonLine(d));
  EXPECT_EQ(line, ViaTree(d));
  EXPECT_NE(line.find("\xEF\xBF\xBD"), std::string::npos);  // U+FFFD
}

TEST(JsonlWriter, ReadsBack) {
  DocumentFacts d = Tricky();
  Result<DocumentFacts> back = FromJsonLine(ToJsonLine(d));
  ASSERT_TRUE(back.ok()) << back.error().ToString();
  EXPECT_EQ(back->doc, d.doc);
  EXPECT_EQ(back->title, d.title);
  ASSERT_EQ(back->entities.size(), 2u);
  EXPECT_EQ(back->entities[0].aliases, d.entities[0].aliases);
  EXPECT_EQ(back->entities[0].lexicon_id, "un:QDe.137");
  ASSERT_EQ(back->facts.size(), 3u);  // the negated one is not written
  EXPECT_EQ(back->facts[0].value, 400);
  EXPECT_EQ(back->facts[0].time.start, "2016-02");
  EXPECT_DOUBLE_EQ(back->facts[0].confidence, 0.86);
  EXPECT_DOUBLE_EQ(back->facts[1].confidence, 1.0);
  EXPECT_EQ(back->facts[2].time.end, "2015-03-01");
}

}  // namespace
}  // namespace orbat
