// Whether the thread count set through model_set_threads decides how many threads do
// the work of a forward pass. The check reads the CPU time of every thread of this
// process from /proc, so it needs no timing and holds on a busy machine.
//
// This file has its own main, which makes OpenMP put waiting threads to sleep at once
// (OMP_WAIT_POLICY=PASSIVE) before any plugin loads libgomp. With the default policy a
// waiting thread spins for a while and accrues CPU time without doing work.
#include "plugin_library.h"
#include "plugin_model.h"
#include "test_model.h"

#include <gtest/gtest.h>

#include <dirent.h>
#include <sys/types.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>
#include <thread>
#include <vector>

namespace tb_test {
namespace {

// Returns the time on CPU, in nanoseconds, of each thread of this process.
std::map<pid_t, uint64_t> thread_cpu_ns() {
  std::map<pid_t, uint64_t> times;
  DIR* tasks = opendir("/proc/self/task");
  if (tasks == nullptr) {
    return times;
  }
  while (const dirent* entry = readdir(tasks)) {
    if (entry->d_name[0] == '.') {
      continue;
    }
    const std::string path = std::string("/proc/self/task/") + entry->d_name + "/schedstat";
    if (FILE* file = std::fopen(path.c_str(), "r")) {
      unsigned long long on_cpu_ns = 0;
      if (std::fscanf(file, "%llu", &on_cpu_ns) == 1) {
        times[static_cast<pid_t>(std::atoi(entry->d_name))] = on_cpu_ns;
      }
      std::fclose(file);
    }
  }
  closedir(tasks);
  return times;
}

// CPU time spent during some forward calls by the calling thread and by the others.
struct CpuShare {
  uint64_t caller_ns = 0;
  uint64_t busiest_other_ns = 0;
  uint64_t all_others_ns = 0;
};

// Runs one warm-up call, then `repeats` measured calls of `model` on this thread.
CpuShare measure_forward(PluginModel& model, const std::vector<int32_t>& tokens, int32_t batch_size,
                         int32_t seq_len, int repeats) {
  std::vector<float> logits;
  EXPECT_TRUE(model.forward(tokens, batch_size, seq_len, logits).ok());

  const std::map<pid_t, uint64_t> before = thread_cpu_ns();
  for (int i = 0; i < repeats; ++i) {
    EXPECT_TRUE(model.forward(tokens, batch_size, seq_len, logits).ok());
  }
  const std::map<pid_t, uint64_t> after = thread_cpu_ns();

  CpuShare share;
  const pid_t caller = gettid();
  for (const auto& [thread, end_ns] : after) {
    const auto start = before.find(thread);
    const uint64_t used_ns = end_ns - (start == before.end() ? 0 : start->second);
    if (thread == caller) {
      share.caller_ns = used_ns;
    } else {
      share.busiest_other_ns = std::max(share.busiest_other_ns, used_ns);
      share.all_others_ns += used_ns;
    }
  }
  return share;
}

// Every linear layer of this model takes oneDNN, and attention has 4 heads to split.
const ModelSize kSize{1000, 256, 2, 4, 1024, 128};
constexpr int32_t kBatch = 2;
constexpr int32_t kSeqLen = 128;
constexpr int kRepeats = 4;

class LibtorchThreads : public ::testing::Test {
 protected:
  LibtorchThreads()
      : plugin_(TB_LIBTORCH_PLUGIN),
        model_(TestModel::random(kSize, 8)),
        plugin_model_(plugin_, model_),
        tokens_(random_tokens(kSize.vocab_size, kBatch * kSeqLen, 4)) {}

  void SetUp() override {
    if (plugin_.api().get_info()->max_threads < 2) {
      GTEST_SKIP() << "this process may run on one CPU only";
    }
  }

  PluginLibrary plugin_;
  TestModel model_;
  PluginModel plugin_model_;
  std::vector<int32_t> tokens_;
};

TEST_F(LibtorchThreads, TwoThreadsShareWork) {
  ASSERT_TRUE(plugin_model_.set_threads(2).ok());
  const CpuShare share = measure_forward(plugin_model_, tokens_, kBatch, kSeqLen, kRepeats);

  EXPECT_GT(share.caller_ns, 0u);
  EXPECT_GT(share.busiest_other_ns, share.caller_ns * 3 / 10)
      << "caller " << share.caller_ns << " ns, busiest other thread " << share.busiest_other_ns << " ns";
}

TEST_F(LibtorchThreads, OneThreadKeepsWorkOnCaller) {
  ASSERT_TRUE(plugin_model_.set_threads(2).ok());
  measure_forward(plugin_model_, tokens_, kBatch, kSeqLen, 1);

  ASSERT_TRUE(plugin_model_.set_threads(1).ok());
  const CpuShare share = measure_forward(plugin_model_, tokens_, kBatch, kSeqLen, kRepeats);

  // Any multithreaded BLAS or OpenMP region would show up as CPU time elsewhere.
  EXPECT_LT(share.all_others_ns, share.caller_ns / 20)
      << "caller " << share.caller_ns << " ns, all other threads " << share.all_others_ns
      << " ns; is BLIS_NUM_THREADS or OMP_NUM_THREADS set for this process?";
}

TEST_F(LibtorchThreads, SettingHoldsOnOtherCallingThreads) {
  // OpenMP keeps its thread count per calling thread, and a new thread starts with
  // LibTorch's default, so the plugin must apply the model's setting on every call.
  ASSERT_TRUE(plugin_model_.set_threads(1).ok());
  CpuShare single;
  std::thread([&] { single = measure_forward(plugin_model_, tokens_, kBatch, kSeqLen, kRepeats); }).join();
  EXPECT_LT(single.all_others_ns, single.caller_ns / 20)
      << "caller " << single.caller_ns << " ns, all other threads " << single.all_others_ns << " ns";

  ASSERT_TRUE(plugin_model_.set_threads(2).ok());
  CpuShare dual;
  std::thread([&] { dual = measure_forward(plugin_model_, tokens_, kBatch, kSeqLen, kRepeats); }).join();
  EXPECT_GT(dual.busiest_other_ns, dual.caller_ns * 3 / 10)
      << "caller " << dual.caller_ns << " ns, busiest other thread " << dual.busiest_other_ns << " ns";
}

}  // namespace
}  // namespace tb_test

int main(int argc, char** argv) {
  // Must happen before the first plugin loads libgomp, which reads it once.
  setenv("OMP_WAIT_POLICY", "PASSIVE", 1);
  ::testing::InitGoogleTest(&argc, argv);
  return RUN_ALL_TESTS();
}
