#include "sync-server/app/terminalinput.h"

#include <cstdio>
#include <iostream>

#ifndef _WIN32
#include <termios.h>
#include <unistd.h>
#endif

namespace tricoach::sync {

std::optional<std::string> readPassword(const std::string& prompt, std::string& err)
{
    (void)err;
    std::string line;
#ifndef _WIN32
    if (::isatty(STDIN_FILENO)) {
        std::fputs(prompt.c_str(), stderr);
        std::fflush(stderr);
        termios old{};
        ::tcgetattr(STDIN_FILENO, &old);
        termios quiet = old;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        ::tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
        const bool got = static_cast<bool>(std::getline(std::cin, line));
        ::tcsetattr(STDIN_FILENO, TCSANOW, &old);
        std::fputc('\n', stderr);
        if (!got)
            return std::nullopt;
        return line;
    }
#endif
    if (!std::getline(std::cin, line))
        return std::nullopt;
    if (!line.empty() && line.back() == '\r')
        line.pop_back();
    return line;
}

} // namespace tricoach::sync
