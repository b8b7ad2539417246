#include "tasks/worker_pool.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <stdexcept>

namespace quire::tasks {
namespace {

TEST(WorkerPoolTest, RunsEveryJobOnce) {
  std::atomic<int> runs{0};
  WorkerPool pool(3);
  for (int job_idx = 0; job_idx < 100; ++job_idx) {
    ASSERT_TRUE(pool.submit([&runs] { ++runs; }));
  }
  pool.wait_idle();
  EXPECT_EQ(runs.load(), 100);
  EXPECT_EQ(pool.pending(), 0u);
}

TEST(WorkerPoolTest, ShutdownFinishesQueuedJobsAndRefusesNewOnes) {
  std::atomic<int> runs{0};
  WorkerPool pool(1);
  for (int job_idx = 0; job_idx < 5; ++job_idx) {
    pool.submit([&runs] {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
      ++runs;
    });
  }
  pool.shutdown();
  EXPECT_EQ(runs.load(), 5);
  EXPECT_FALSE(pool.submit([] {}));
}

TEST(WorkerPoolTest, ThrowingJobDoesNotStopTheWorker) {
  std::atomic<int> runs{0};
  WorkerPool pool(1);
  pool.submit([] { throw std::runtime_error("boom"); });
  pool.submit([&runs] { ++runs; });
  pool.wait_idle();
  EXPECT_EQ(runs.load(), 1);
}

}  // namespace
}  // namespace quire::tasks
