#pragma once
// The heading and summary line at the top of an activity's or a session's detail.

#include <QString>

class QLabel;
class QVBoxLayout;

namespace tricoach {

struct DetailHeading {
    QLabel* heading = nullptr; // bold, larger, wraps
    QLabel* summary = nullptr; // rich text, wraps
};

// Makes both labels (named for tests and style sheets) and adds them to `layout`.
DetailHeading addDetailHeading(QVBoxLayout* layout, const QString& headingName, const QString& summaryName);

} // namespace tricoach
