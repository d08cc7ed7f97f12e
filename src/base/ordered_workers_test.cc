#include "base/ordered_workers.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <algorithm>
#include <string>

namespace orbat {
namespace {

// Work that finishes out of order: later items are often quicker.
int SlowSquare(int& x) {
  std::this_thread::sleep_for(std::chrono::microseconds((x * 7919) % 500));
  return x * x;
}

TEST(OrderedWorkers, ResultsComeBackInSubmissionOrder) {
  for (int jobs : {1, 2, 4, 8}) {
    std::vector<int> got;
    {
      OrderedWorkers<int, int> w(jobs, SlowSquare, [&](int&& r) { got.push_back(r); });
      for (int i = 0; i < 300; ++i) w.Submit(i);
      w.Finish();
    }
    ASSERT_EQ(got.size(), 300u) << jobs << " jobs";
    for (int i = 0; i < 300; ++i) ASSERT_EQ(got[i], i * i) << jobs << " jobs, item " << i;
  }
}

TEST(OrderedWorkers, ConsumeRunsOnTheCallersThread) {
  const auto caller = std::this_thread::get_id();
  std::atomic<int> wrong{0}, worked_elsewhere{0};
  OrderedWorkers<int, int> w(
      3,
      [&](int& x) {
        if (std::this_thread::get_id() != caller) ++worked_elsewhere;
        return x;
      },
      [&](int&&) {
        if (std::this_thread::get_id() != caller) ++wrong;
      });
  for (int i = 0; i < 100; ++i) w.Submit(i);
  w.Finish();
  EXPECT_EQ(wrong, 0);
  EXPECT_EQ(worked_elsewhere, 100);
}

TEST(OrderedWorkers, InFlightItemsAreBounded) {
  // However slow the work, Submit() returns only when at most max_in_flight items are
  // submitted and not yet consumed: a long stream never piles up in memory.
  int submitted = 0, consumed = 0, worst = 0;
  OrderedWorkers<std::string, int> w(
      2,
      [](std::string& s) {
        std::this_thread::sleep_for(std::chrono::microseconds(300));
        return static_cast<int>(s.size());
      },
      [&](int&&) { ++consumed; }, /*max_in_flight=*/3);
  for (int i = 0; i < 200; ++i) {
    w.Submit(std::string(i, 'x'));
    ++submitted;
    worst = std::max(worst, submitted - consumed);
  }
  w.Finish();
  EXPECT_EQ(consumed, 200);
  EXPECT_LE(worst, 3);
  EXPECT_GE(worst, 2);  // and the workers did run side by side
}

TEST(OrderedWorkers, DestructorFinishesTheStream) {
  int consumed = 0;
  {
    OrderedWorkers<int, int> w(2, SlowSquare, [&](int&&) { ++consumed; });
    for (int i = 0; i < 50; ++i) w.Submit(i);
  }
  EXPECT_EQ(consumed, 50);
}

}  // namespace
}  // namespace orbat
