#include "ui/activities/detailheading.h"

#include <QLabel>
#include <QVBoxLayout>

namespace tricoach {

DetailHeading addDetailHeading(QVBoxLayout* layout, const QString& headingName, const QString& summaryName)
{
    DetailHeading d;
    d.heading = new QLabel;
    d.heading->setObjectName(headingName);
    QFont font = d.heading->font();
    font.setBold(true);
    font.setPointSizeF(font.pointSizeF() * 1.3);
    d.heading->setFont(font);
    d.heading->setWordWrap(true);
    d.summary = new QLabel;
    d.summary->setObjectName(summaryName);
    d.summary->setTextFormat(Qt::RichText);
    d.summary->setWordWrap(true);
    layout->addWidget(d.heading);
    layout->addWidget(d.summary);
    return d;
}

} // namespace tricoach
