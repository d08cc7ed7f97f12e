#include "io/reader.h"
#include "io/internal.h"

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace orbat {
namespace {

namespace fs = std::filesystem;

struct ReadResult {
  std::vector<Document> docs;
  std::vector<Error> errors;
  size_t returned = 0;
};

class ReaderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    static int counter = 0;
    dir_ = fs::temp_directory_path() /
           ("orbat_io_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override {
    std::error_code ec;
    // A test may have made something unreadable; give it back before removing.
    for (auto it = fs::recursive_directory_iterator(dir_, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (!it->is_symlink()) fs::permissions(it->path(), fs::perms::owner_all, ec);
    }
    fs::remove_all(dir_, ec);
  }

  // Writes `content` to dir_/name (creating folders) and returns the path.
  std::string Write(const std::string& name, const std::string& content) {
    fs::path p = dir_ / name;
    fs::create_directories(p.parent_path());
    std::ofstream out(p, std::ios::binary);
    out << content;
    return p.string();
  }

  ReadResult Read(const std::vector<std::string>& paths, const ReadOptions& options = {}) {
    ReadResult r;
    r.returned = ReadInputs(
        paths, options, [&](Document&& d) { r.docs.push_back(std::move(d)); },
        [&](const Error& e) { r.errors.push_back(e); });
    return r;
  }

  fs::path dir_;
};

TEST_F(ReaderTest, TextFileIsReadAsIs) {
  std::string path = Write("jund-al-aqsa.txt", "Jund al-Aqsa was founded.\r\nSecond line.\n");
  ReadResult r = Read({path});
  ASSERT_EQ(r.errors.size(), 0u);
  ASSERT_EQ(r.docs.size(), 1u);
  EXPECT_EQ(r.returned, 1u);
  EXPECT_EQ(r.docs[0].id, "jund-al-aqsa");
  EXPECT_EQ(r.docs[0].text, "Jund al-Aqsa was founded.\r\nSecond line.\n");
  EXPECT_EQ(r.docs[0].title, "");
  EXPECT_EQ(r.docs[0].date, "");
  EXPECT_EQ(r.docs[0].source, path);
}

TEST_F(ReaderTest, DefaultDateAppliesWhenDocumentHasNone) {
  std::string path = Write("a.txt", "Some text.");
  ReadOptions options;
  options.default_date = "2016-11-01";
  ReadResult r = Read({path}, options);
  ASSERT_EQ(r.docs.size(), 1u);
  EXPECT_EQ(r.docs[0].date, "2016-11-01");
}

TEST_F(ReaderTest, MarkdownKeepsMarkupAndDropsBom) {
  std::string path = Write("notes.md", "\xEF\xBB\xBF# Heading\n\nBody \xC3\xA9.\n");
  ReadResult r = Read({path});
  ASSERT_EQ(r.errors.size(), 0u);
  ASSERT_EQ(r.docs.size(), 1u);
  EXPECT_EQ(r.docs[0].id, "notes");
  EXPECT_EQ(r.docs[0].text, "# Heading\n\nBody \xC3\xA9.\n");
}

TEST_F(ReaderTest, HtmlTitleDateScriptEntitiesBlocks) {
  std::string html =
      "<!DOCTYPE html><html><head><title>Jund &amp; Co</title>\n"
      "<meta property=\"article:published_time\" content=\"2016-11-01T10:00:00Z\">\n"
      "<script>var x = '<p>not text</p>';</script><style>p { color: red }</style>\n"
      "</head><body><h1>Headline</h1><p>Al-Nusra &ndash; and   ISIS&#39;s\n  allies"
      " &lt;3&gt; caf&eacute;&#x21;</p><!-- a comment --><div>Last<br>line</div>"
      "<SCRIPT type=x>alert(1)</SCRIPT ></body></html>";
  std::string path = Write("page.html", html);
  ReadResult r = Read({path});
  ASSERT_EQ(r.errors.size(), 0u);
  ASSERT_EQ(r.docs.size(), 1u);
  const Document& d = r.docs[0];
  EXPECT_EQ(d.id, "page");
  EXPECT_EQ(d.title, "Jund & Co");
  EXPECT_EQ(d.date, "2016-11-01");
  EXPECT_EQ(d.text,
            "Headline\n\nAl-Nusra \xE2\x80\x93 and ISIS's allies <3> caf\xC3\xA9!\n\n"
            "Last\nline");
}

TEST_F(ReaderTest, HtmlFallsBackToOgTitleAndTimeElement) {
  std::string title, date;
  std::string text = HtmlToText(
      "<meta property='og:title' content='Og &quot;T&quot;'>"
      "<p>Posted <time datetime=\"2015-10\">October</time></p>",
      &title, &date);
  EXPECT_EQ(title, "Og \"T\"");
  EXPECT_EQ(date, "2015-10");
  EXPECT_EQ(text, "Posted October");
}

TEST_F(ReaderTest, HtmlDateMetaPriorityAndFormats) {
  std::string title, date;
  // "date" ranks below article:published_time whatever the order in the page.
  HtmlToText("<meta name=date content=\"2014/02/17\">"
             "<meta property=\"article:published_time\" content=\"20150102\">",
             &title, &date);
  EXPECT_EQ(date, "2015-01-02");
  HtmlToText("<meta name=\"DC.date.issued\" content=\"2014/2/7\"><p>x</p>", &title, &date);
  EXPECT_EQ(date, "2014-02-07");
  HtmlToText("<meta name=\"pubdate\" content=\"n/a\"><p>x</p>", &title, &date);
  EXPECT_EQ(date, "");
  EXPECT_EQ(title, "");
}

TEST_F(ReaderTest, NormalizeDateReadsIsoPrefixes) {
  using io_internal::NormalizeDate;
  EXPECT_EQ(NormalizeDate("2016-11-01T10:00:00+02:00"), "2016-11-01");
  EXPECT_EQ(NormalizeDate(" 2016-11-01 10:00 "), "2016-11-01");
  EXPECT_EQ(NormalizeDate("2016/1/5"), "2016-01-05");
  EXPECT_EQ(NormalizeDate("2016.12"), "2016-12");
  EXPECT_EQ(NormalizeDate("2016"), "2016");
  EXPECT_EQ(NormalizeDate("20161101"), "2016-11-01");
  EXPECT_EQ(NormalizeDate("2016-02-29"), "2016-02-29");  // leap year
  EXPECT_EQ(NormalizeDate(""), "");
}

TEST_F(ReaderTest, MalformedHtmlDoesNotCrash) {
  std::string title, date;
  EXPECT_EQ(HtmlToText("a < b and c<3 <p>unclosed", &title, &date), "a < b and c<3\n\nunclosed");
  EXPECT_EQ(HtmlToText("text<!-- never closed", &title, &date), "text");
  EXPECT_EQ(HtmlToText("x<a href=\"never closed>y", &title, &date), "x");
  EXPECT_EQ(HtmlToText("<script>for(;;){}", &title, &date), "");
  EXPECT_EQ(HtmlToText("&unknown; &#xZZ; &#99999999; &", &title, &date),
            "&unknown; &#xZZ; \xEF\xBF\xBD &");
  EXPECT_EQ(HtmlToText("<head><title>T</title><p>body without closing head", &title, &date),
            "body without closing head");
  EXPECT_EQ(title, "T");
  EXPECT_EQ(HtmlToText("", &title, &date), "");
  EXPECT_EQ(HtmlToText("<", &title, &date), "<");
  EXPECT_EQ(HtmlToText("</", &title, &date), "");
  EXPECT_EQ(HtmlToText("<title>", &title, &date), "");
}

TEST_F(ReaderTest, JsonlMalformedLineIsReportedAndSkipped) {
  std::string path = Write(
      "batch.jsonl",
      "{\"id\": \"one\", \"text\": \"First text.\", \"title\": \"T1\", \"date\": \"2016-11-01\","
      " \"url\": \"http://x/1\"}\n"
      "{\"id\": \"two\", \"text\": \n"
      "{\"text\": \"Third text.\", \"source\": \"wire\"}\n");
  ReadResult r = Read({path});
  ASSERT_EQ(r.docs.size(), 2u);
  EXPECT_EQ(r.returned, 2u);
  EXPECT_EQ(r.docs[0].id, "one");
  EXPECT_EQ(r.docs[0].text, "First text.");
  EXPECT_EQ(r.docs[0].title, "T1");
  EXPECT_EQ(r.docs[0].date, "2016-11-01");
  EXPECT_EQ(r.docs[0].url, "http://x/1");
  EXPECT_EQ(r.docs[0].source, "http://x/1");
  EXPECT_EQ(r.docs[1].id, "batch:3");
  EXPECT_EQ(r.docs[1].text, "Third text.");
  EXPECT_EQ(r.docs[1].source, "wire");
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].file, path);
  EXPECT_EQ(r.errors[0].line, 2);
}

TEST_F(ReaderTest, JsonlBadRecordsEachGetAnError) {
  std::string path = Write("bad.jsonl",
                           "[1, 2]\n"                       // 1: not an object
                           "{\"id\": \"x\"}\n"               // 2: no text
                           "{\"text\": 5}\n"                 // 3: text not a string
                           "{\"text\": \"bad \xFF byte\"}\n"  // 4: invalid UTF-8
                           "\n"                              // 5: blank, ignored
                           "{\"text\": \"   \"}\r\n"         // 6: empty text
                           "{\"id\": 7, \"text\": \"ok\"}\r\n");  // 7: fine, CRLF
  ReadResult r = Read({path});
  ASSERT_EQ(r.docs.size(), 1u);
  EXPECT_EQ(r.docs[0].id, "7");
  EXPECT_EQ(r.docs[0].text, "ok");
  ASSERT_EQ(r.errors.size(), 5u);
  std::vector<long> lines;
  for (const Error& e : r.errors) lines.push_back(e.line);
  EXPECT_EQ(lines, (std::vector<long>{1, 2, 3, 4, 6}));
  EXPECT_NE(r.errors[3].message.find("UTF-8"), std::string::npos);
  EXPECT_EQ(r.errors[4].message, "empty document");
}

TEST_F(ReaderTest, MissingPathIsAnError) {
  std::string path = (dir_ / "no-such-file.txt").string();
  ReadResult r = Read({path, Write("ok.txt", "Still read.")});
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].file, path);
  EXPECT_EQ(r.errors[0].message, "no such file or directory");
  ASSERT_EQ(r.docs.size(), 1u);
  EXPECT_EQ(r.docs[0].id, "ok");
}

TEST_F(ReaderTest, EmptyAndBlankFilesAreErrors) {
  std::string empty = Write("empty.txt", "");
  std::string blank = Write("blank.md", " \n\t\r\n");
  std::string bom_only = Write("bom.txt", "\xEF\xBB\xBF\n");
  std::string no_text = Write("no-text.html", "<html><script>x()</script></html>");
  ReadResult r = Read({empty, blank, bom_only, no_text});
  EXPECT_EQ(r.docs.size(), 0u);
  ASSERT_EQ(r.errors.size(), 4u);
  EXPECT_EQ(r.errors[0].ToString(), empty + ": empty document");
  EXPECT_EQ(r.errors[1].ToString(), blank + ": empty document");
  EXPECT_EQ(r.errors[2].ToString(), bom_only + ": empty document");
  EXPECT_EQ(r.errors[3].ToString(), no_text + ": empty document (no visible text)");
}

TEST_F(ReaderTest, BinaryFileIsAnError) {
  std::string path = Write("image.txt", std::string("PNG\x01\x02\0\0data", 11));
  ReadResult r = Read({path});
  EXPECT_EQ(r.docs.size(), 0u);
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].message, "binary file (NUL byte at offset 5)");
}

TEST_F(ReaderTest, InvalidUtf8ReportsOffsetAndLine) {
  // Latin-1 "é" (0xE9) on line 3, at byte 19.
  std::string path = Write("latin1.txt", "line one\nline 2\ncaf\xE9 au lait\n");
  ReadResult r = Read({path});
  EXPECT_EQ(r.docs.size(), 0u);
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].line, 3);
  EXPECT_EQ(r.errors[0].ToString(),
            path + ":3: invalid UTF-8 at byte offset 19 (the text must be UTF-8)");
}

TEST_F(ReaderTest, UnreadableFileIsAnError) {
  std::string path = Write("secret.txt", "Hidden text.");
  ASSERT_EQ(::chmod(path.c_str(), 0), 0);
  if (::access(path.c_str(), R_OK) == 0) {
    GTEST_SKIP() << "running with privileges that read a mode-000 file (root?)";
  }
  ReadResult r = Read({path});
  EXPECT_EQ(r.docs.size(), 0u);
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].message, "cannot open: Permission denied");
}

TEST_F(ReaderTest, UnreadableFolderIsAnErrorAndTheRestIsRead) {
  Write("corpus/a.txt", "A.");
  Write("corpus/locked/b.txt", "B.");
  Write("corpus/z.txt", "Z.");
  std::string locked = (dir_ / "corpus/locked").string();
  ASSERT_EQ(::chmod(locked.c_str(), 0), 0);
  if (::access(locked.c_str(), R_OK) == 0) {
    GTEST_SKIP() << "running with privileges that read a mode-000 folder (root?)";
  }
  ReadResult r = Read({(dir_ / "corpus").string()});
  ASSERT_EQ(r.docs.size(), 2u);
  EXPECT_EQ(r.docs[0].id, "a");
  EXPECT_EQ(r.docs[1].id, "z");
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].ToString(), locked + ": cannot read folder: Permission denied");
}

TEST_F(ReaderTest, FiftyMegabyteSingleLineFileIsRead) {
  const size_t size = 50u * 1024 * 1024;
  std::string content;
  content.reserve(size);
  while (content.size() + 10 <= size) content += "Jund word ";
  content.append(size - content.size(), 'x');
  std::string path = Write("big.txt", content);
  ReadResult r = Read({path});
  ASSERT_EQ(r.errors.size(), 0u);
  ASSERT_EQ(r.docs.size(), 1u);
  EXPECT_EQ(r.docs[0].text.size(), size);
  EXPECT_TRUE(r.docs[0].text == content);
}

TEST_F(ReaderTest, OversizeFileIsSkippedWithError) {
  std::string big = Write("big.txt", std::string(1000, 'a'));
  std::string small = Write("small.txt", std::string(100, 'b'));
  ReadOptions options;
  options.max_document_bytes = 500;
  ReadResult r = Read({big, small}, options);
  ASSERT_EQ(r.docs.size(), 1u);
  EXPECT_EQ(r.docs[0].id, "small");
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].file, big);
  EXPECT_EQ(r.errors[0].message,
            "document is 1000 bytes, over the limit of 500 bytes; skipped");
}

TEST_F(ReaderTest, FolderIsReadRecursivelyInNameOrder) {
  Write("corpus/b.txt", "B.");
  Write("corpus/a/z.md", "AZ.");
  Write("corpus/a/c.html", "<p>AC.</p>");
  Write("corpus/c.jsonl", "{\"id\": \"c1\", \"text\": \"C1.\"}\n{\"id\": \"c2\", \"text\": \"C2.\"}\n");
  Write("corpus/A.txt", "Upper.");
  Write("corpus/.hidden.txt", "Hidden.");
  Write("corpus/.git/HEAD.txt", "Hidden folder.");
  std::vector<std::string> ids;
  for (int run = 0; run < 2; ++run) {
    ReadResult r = Read({(dir_ / "corpus").string()});
    EXPECT_EQ(r.errors.size(), 0u);
    ids.clear();
    for (const Document& d : r.docs) ids.push_back(d.id);
    // Byte order: "A.txt" < "a/" < "b.txt" < "c.jsonl"; depth first.
    EXPECT_EQ(ids, (std::vector<std::string>{"A", "c", "z", "b", "c1", "c2"}));
    EXPECT_EQ(r.returned, 6u);
  }
}

TEST_F(ReaderTest, OtherExtensionsAreIgnoredInFoldersButReadWhenNamed) {
  Write("corpus/doc.txt", "Text.");
  Write("corpus/doc.gold.json", "{\"doc\": \"doc\"}");
  Write("corpus/scan.pdf", "%PDF-1.4");
  Write("corpus/README", "No extension.");
  Write("corpus/UPPER.TXT", "Upper case extension.");
  ReadResult r = Read({(dir_ / "corpus").string()});
  EXPECT_EQ(r.errors.size(), 0u);
  ASSERT_EQ(r.docs.size(), 2u);
  EXPECT_EQ(r.docs[0].id, "UPPER");
  EXPECT_EQ(r.docs[1].id, "doc");

  std::string log = Write("notes.log", "Named on the command line.");
  r = Read({log});
  ASSERT_EQ(r.docs.size(), 1u);
  EXPECT_EQ(r.docs[0].id, "notes");
  EXPECT_EQ(r.docs[0].text, "Named on the command line.");
}

TEST_F(ReaderTest, SymlinkLoopDoesNotHang) {
  Write("corpus/sub/a.txt", "A.");
  std::error_code ec;
  fs::create_directory_symlink(dir_ / "corpus", dir_ / "corpus/sub/loop", ec);
  if (ec) GTEST_SKIP() << "cannot create symlinks here: " << ec.message();
  fs::create_symlink(dir_ / "corpus/sub/a.txt", dir_ / "corpus/link.txt");
  fs::create_symlink(dir_ / "corpus/nowhere.txt", dir_ / "corpus/broken.txt");
  ReadResult r = Read({(dir_ / "corpus").string()});
  std::vector<std::string> ids;
  for (const Document& d : r.docs) ids.push_back(d.id);
  EXPECT_EQ(ids, (std::vector<std::string>{"link", "a"}));
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].message, "broken symbolic link");
}

TEST_F(ReaderTest, DocumentFromTextPicksFormatByName) {
  ReadOptions options;
  options.default_date = "2001";
  Result<Document> html =
      DocumentFromText("paste.html", "<title>T</title><p>One</p><p>Two</p>", options);
  ASSERT_TRUE(html.ok());
  EXPECT_EQ(html->id, "paste");
  EXPECT_EQ(html->title, "T");
  EXPECT_EQ(html->text, "One\n\nTwo");
  EXPECT_EQ(html->date, "2001");

  Result<Document> text = DocumentFromText("dir/x.y.txt", "<p>kept</p>", {});
  ASSERT_TRUE(text.ok());
  EXPECT_EQ(text->id, "x.y");
  EXPECT_EQ(text->text, "<p>kept</p>");

  Result<Document> bad = DocumentFromText("bad.txt", "ok\n\xC0\xAF", {});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().file, "bad.txt");
  EXPECT_EQ(bad.error().line, 2);
}

}  // namespace
}  // namespace orbat
