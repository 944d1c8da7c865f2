#pragma once
// The title an activity gets when its file gives none (TCX and FIT files, GPX tracks without a name): its sport and
// local start, "Bike – 12 Oct 2013 08:17", so the list never shows an empty title. One home, applied to every file
// as it is decoded (FormatRegistry::decode), and recognised by the store so a generated title is never mistaken
// for one the athlete typed.

#include "core/model/activity.h"

#include <QString>

namespace tricoach {

// "Run – 12 Oct 2013 08:17" (local time, English month abbreviations whatever the system's locale: the title is
// stored); "Activity – ..." for Other.
QString defaultTitle(Sport sport, const QDateTime& startUtc, int utcOffsetSec);

// Gives `a` its default title when it has none (or only spaces).
void giveDefaultTitle(Activity& a);

// True when `title` is the default title of an activity of any sport starting at `startUtc` (the athlete may have
// changed the sport since the title was generated).
bool isDefaultTitle(const QString& title, const QDateTime& startUtc, int utcOffsetSec);

} // namespace tricoach
