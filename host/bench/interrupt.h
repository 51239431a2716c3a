// Ctrl-C (SIGINT) and SIGTERM handling for a run: the first signal asks the run to
// stop after killing the running worker, a second one ends the process at once.
#pragma once

namespace tb {

// Installs handlers for SIGINT and SIGTERM that only set a flag. Blocking calls
// interrupted by the signal return EINTR, so wait loops notice the flag promptly.
void install_interrupt_handlers();

// True once SIGINT or SIGTERM arrived after install_interrupt_handlers().
bool interrupt_requested();

}  // namespace tb
