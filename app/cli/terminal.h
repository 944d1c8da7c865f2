#pragma once
// What tricoach-cli prints is safe for a terminal: titles, names and file names come from files and other people,
// and a newline in a title would print a fake table row, an escape sequence would recolour, retitle or clear the
// user's terminal, and bidirectional overrides would reorder what is shown.

#include <QByteArray>
#include <QIODevice>
#include <QString>

#include <cstdio>

namespace tricoach::cli {

// One line of text for a table cell or a label: line breaks and tabs become spaces, other control characters
// are shown in caret notation ("^["), C1 controls and bidirectional overrides become U+FFFD.
QString singleLine(const QString& text);

// A write-only device over stdout or stderr that passes text through unchanged except for control characters:
// line feeds and tabs stay, C0 controls (escape, carriage return, bell, ...) are written in caret notation, C1
// controls and bidirectional overrides as U+FFFD. Works on UTF-8 bytes; a character split across writes is held
// until its end arrives.
class TerminalSafeDevice : public QIODevice {
public:
    explicit TerminalSafeDevice(std::FILE* stream);
    ~TerminalSafeDevice() override;
    bool isSequential() const override { return true; }

protected:
    qint64 readData(char* data, qint64 maxSize) override;
    qint64 writeData(const char* data, qint64 size) override;

private:
    std::FILE* m_stream;
    QByteArray m_pending; // the start of a multi-byte character whose end has not been written yet
};

} // namespace tricoach::cli
