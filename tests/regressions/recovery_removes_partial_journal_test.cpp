// Found by tests/e2e/crash_test.cpp: a consumer killed while writing its journal left the
// journal's temporary file (`0000001.json.tmp.XXXXXX`) in DATA_DIR/consume-journal for ever,
// because recovery only looked at `.json` files.

#include "consumer/document_store.hpp"
#include "consumer_harness.hpp"

#include <gtest/gtest.h>

#include <fstream>

namespace quire::consumer {
namespace {

namespace fs = std::filesystem;

TEST(RecoveryRegressionTest, RemovesJournalInterruptedWhileBeingWritten) {
  test::ConsumerHarness env;
  ASSERT_TRUE(env.ok());
  const fs::path journal_dir = env.options().journal_dir;
  fs::create_directories(journal_dir);
  std::ofstream(journal_dir / "0000001.json.tmp.USyjxo") << "{\"document_id\":1,\"chec";
  const fs::path queued = env.drop(test::documents_sample("simple.txt"));

  auto handled = recover_interrupted_consumptions(env.database(), env.media(), journal_dir);
  ASSERT_TRUE(handled) << handled.error().message;
  EXPECT_TRUE(test::ConsumerHarness::files_below(journal_dir).empty());
  EXPECT_TRUE(fs::exists(queued));
}

}  // namespace
}  // namespace quire::consumer
