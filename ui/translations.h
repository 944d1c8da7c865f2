#pragma once
// The desktop's languages: English (the source) and Russian (Qt Linguist, resources/translations).

#include <QString>
#include <QStringList>

class QCoreApplication;

namespace tricoach {

// "en", "ru".
QStringList availableLanguages();
// Installs the translations of `language` (ours and Qt's own dialogs) into the application, which owns them;
// false when they cannot be loaded. English installs only its plural forms ("1 activity", "2 activities").
bool installLanguage(QCoreApplication& app, const QString& language);

} // namespace tricoach
