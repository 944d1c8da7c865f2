#pragma once
// The words of load notes (LoadResult::note), shared by the files that score each input. Texts are translated in
// the context "LoadNote"; mark each literal with QT_TRANSLATE_NOOP("LoadNote", ...) so lupdate finds it.

#include <QCoreApplication>
#include <QString>

namespace tricoach {

inline QString loadNoteText(const char* text)
{
    return QCoreApplication::translate("LoadNote", text);
}

// "45 minutes", or "40 seconds" when shorter than ten minutes.
QString durationText(double seconds);
// "20 of 240 minutes", or "30 of 71 seconds" when the whole is shorter than ten minutes.
QString partOfText(double partSec, double wholeSec);

} // namespace tricoach
