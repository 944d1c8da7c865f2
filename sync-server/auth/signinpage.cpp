#include "sync-server/auth/signinpage.h"

namespace tricoach::sync {

const SignInWords& signInWords(const std::string& locale)
{
    static const SignInWords en{"Sign in to TriCoach",
                                "Sign in with Strava",
                                "or with your email and password",
                                "Email",
                                "Password",
                                "Sign in",
                                "The email or password is not right.",
                                "This account is disabled.",
                                "Too many attempts. Try again in a few minutes.",
                                "This sign-in has expired. Start it again from TriCoach.",
                                "Fill in your email and password."};
    static const SignInWords ru{"Вход в TriCoach",
                                "Войти через Strava",
                                "или по электронной почте и паролю",
                                "Электронная почта",
                                "Пароль",
                                "Войти",
                                "Неверная почта или пароль.",
                                "Эта учётная запись отключена.",
                                "Слишком много попыток. Повторите через несколько минут.",
                                "Время входа истекло. Начните вход заново из TriCoach.",
                                "Введите почту и пароль."};
    return locale == "ru" ? ru : en;
}

std::string htmlEscape(std::string_view text)
{
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
        case '&':
            out += "&amp;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '"':
            out += "&quot;";
            break;
        case '\'':
            out += "&#39;";
            break;
        default:
            out += c;
        }
    }
    return out;
}

namespace {

std::string page(const std::string& locale, const std::string& title, const std::string& body)
{
    return "<!doctype html><html lang=\"" + htmlEscape(locale) +
           "\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
           "<title>" +
           htmlEscape(title) +
           "</title><style>body{font-family:system-ui,sans-serif;max-width:26em;margin:3em auto;padding:0 1em;"
           "color:#222}h1{font-size:1.4em}label{display:block;margin:.8em 0 .2em}input{width:100%;padding:.5em;"
           "box-sizing:border-box}button{margin-top:1em;padding:.6em 1.2em;font-size:1em}.strava{background:#fc4c02;"
           "color:#fff;border:0;width:100%}.error{color:#b00020;border:1px solid #b00020;padding:.5em}</style>"
           "</head><body>" +
           body + "</body></html>";
}

} // namespace

std::string renderSignInPage(const SignInPage& p)
{
    const SignInWords& w = signInWords(p.locale);
    const std::string pending = htmlEscape(p.pendingId);
    std::string body = "<h1>" + htmlEscape(w.title) + "</h1>";
    if (!p.error.empty())
        body += "<p class=\"error\" id=\"error\" role=\"alert\">" + htmlEscape(p.error) + "</p>";
    if (p.stravaAvailable)
        body +=
            "<form method=\"post\" action=\"/oauth/strava/start\"><input type=\"hidden\" name=\"pending\" value=\"" +
            pending + "\"><button class=\"strava\" id=\"strava\" type=\"submit\">" + htmlEscape(w.withStrava) +
            "</button></form><p>" + htmlEscape(w.orPassword) + "</p>";
    body += "<form method=\"post\" action=\"/oauth/password\"><input type=\"hidden\" name=\"pending\" value=\"" +
            pending + "\"><label for=\"email\">" + htmlEscape(w.email) +
            "</label><input id=\"email\" name=\"email\" type=\"email\" autocomplete=\"username\" required value=\"" +
            htmlEscape(p.email) + "\"><label for=\"password\">" + htmlEscape(w.password) +
            "</label><input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\" "
            "required><button id=\"signin\" type=\"submit\">" +
            htmlEscape(w.signIn) + "</button></form>";
    return page(p.locale, w.title, body);
}

std::string renderMessagePage(const std::string& locale, const std::string& title, const std::string& message)
{
    return page(locale, title, "<h1>" + htmlEscape(title) + "</h1><p id=\"message\">" + htmlEscape(message) + "</p>");
}

} // namespace tricoach::sync
