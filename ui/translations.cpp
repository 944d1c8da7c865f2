#include "ui/translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

namespace tricoach {

QStringList availableLanguages()
{
    return {QStringLiteral("en"), QStringLiteral("ru")};
}

bool installLanguage(QCoreApplication& app, const QString& language)
{
    if (language == QStringLiteral("en")) {
        // The source text is English, but "%n activities" needs its singular: the plural forms alone.
        auto* plurals = new QTranslator(&app);
        if (!plurals->load(QStringLiteral(":/i18n/tricoach_en.qm"))) {
            delete plurals;
            return false;
        }
        QCoreApplication::installTranslator(plurals);
        return true;
    }
    if (language != QStringLiteral("ru"))
        return false;
    const QLocale locale(QLocale::Russian, QLocale::Russia);
    QLocale::setDefault(locale); // dates and numbers follow the language
    auto* ours = new QTranslator(&app);
    if (!ours->load(QStringLiteral(":/i18n/tricoach_ru.qm"))) {
        delete ours;
        return false;
    }
    QCoreApplication::installTranslator(ours);
    // Qt's own strings (standard buttons, file dialogs) when the system has them; optional.
    auto* qt = new QTranslator(&app);
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
    else
        delete qt;
    return true;
}

} // namespace tricoach
