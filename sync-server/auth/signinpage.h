#pragma once

#include <string>

namespace tricoach::sync {

// The sign-in page the desktop opens in the system browser: server-rendered HTML that works without JavaScript,
// in English or Russian. Every value is HTML-escaped.
struct SignInPage {
    std::string locale = "en";
    std::string pendingId; // binds the form to the desktop's authorize request
    std::string error;     // shown above the form
    std::string email;     // kept after a failed attempt
    bool stravaAvailable = false;
};

std::string renderSignInPage(const SignInPage& page);
// A page with one message (an error the browser must show, or "you can close this tab").
std::string renderMessagePage(const std::string& locale, const std::string& title, const std::string& message);
std::string htmlEscape(std::string_view text);

// The page's words in the page's language.
struct SignInWords {
    std::string title, withStrava, orPassword, email, password, signIn, wrongCredentials, disabled, tooMany, expired,
        missing;
};
const SignInWords& signInWords(const std::string& locale);

} // namespace tricoach::sync
