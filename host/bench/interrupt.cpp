#include "bench/interrupt.h"

#include <csignal>

namespace tb {

namespace {

volatile std::sig_atomic_t g_interrupted = 0;

extern "C" void on_interrupt(int /*signal_number*/) { g_interrupted = 1; }

}  // namespace

void install_interrupt_handlers() {
  struct sigaction action {};
  action.sa_handler = on_interrupt;
  sigemptyset(&action.sa_mask);
  // No SA_RESTART, so poll() and waitpid() return EINTR. SA_RESETHAND restores the
  // default action, so a second Ctrl-C terminates a run that does not stop.
  action.sa_flags = SA_RESETHAND;
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
}

bool interrupt_requested() { return g_interrupted != 0; }

}  // namespace tb
