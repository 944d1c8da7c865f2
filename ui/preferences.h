#pragma once
// The desktop's own preferences (not training data): units, theme, language, data folder. Kept in QSettings, so
// they survive a database switch; training settings live in the store.

#include <QObject>
#include <QSettings>
#include <QString>

#include <memory>

namespace tricoach {

enum class Theme { System, Light, Dark };
enum class Units { Metric, Imperial };

// Reads and writes the preferences; emits changed() so open pages redraw in the new units or theme.
class Preferences : public QObject {
    Q_OBJECT
public:
    // `settings` defaults to the application's QSettings; tests pass a file of their own.
    explicit Preferences(std::unique_ptr<QSettings> settings = nullptr, QObject* parent = nullptr);

    Units units() const;
    void setUnits(Units units);
    Theme theme() const;
    void setTheme(Theme theme);
    QString language() const; // "en" or "ru"
    void setLanguage(const QString& language);
    QString dataFolder() const; // where the database lives; empty = the default
    void setDataFolder(const QString& folder);
    bool imperial() const { return units() == Units::Imperial; }

Q_SIGNALS:
    void changed();

private:
    std::unique_ptr<QSettings> m_settings;
};

// Applies a light or dark palette to the whole application (System follows the platform's own).
void applyTheme(Theme theme);
// True when the palette in use is dark (text lighter than the window).
bool isDarkPalette();

} // namespace tricoach
