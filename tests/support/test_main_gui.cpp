// The widget tests' main: test_main.cpp with a QApplication. Defined here rather than on the command line so that
// the GUI tests share one precompiled header with identical definitions (GCC refuses one whose macros differ).
#define TRICOACH_TEST_GUI
#include "tests/support/test_main.cpp"
